package io.mailtune.trainer.dataset;

import io.mailtune.core.sql.Database;
import io.mailtune.trainer.TestDatabases;

class TrainingSetOnH2Test extends TrainingSetContract {

    @Override
    Database database() {
        return TestDatabases.h2();
    }
}
