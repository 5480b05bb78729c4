package io.mailtune.trainer.dataset;

import io.mailtune.trainer.TestDatabases;
import io.mailtune.trainer.store.Database;

class TrainingSetOnH2Test extends TrainingSetContract {

    @Override
    Database database() {
        return TestDatabases.h2();
    }
}
