package io.mailtune.trainer.dataset;

import io.mailtune.core.sql.Database;
import io.mailtune.testing.PostgresDatabase;
import io.mailtune.trainer.TestDatabases;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Statement;

class TrainingSetOnPostgresTest extends TrainingSetContract {

    @RegisterExtension
    static PostgresDatabase postgres = new PostgresDatabase();

    @Override
    Database database() {
        // One database per class: empty it for each test (Flyway's schema stays).
        Database db = TestDatabases.postgres(postgres.jdbcUrl(), postgres.user());
        try (var c = postgres.connect(); Statement s = c.createStatement()) {
            for (String table : new String[] {"trainer_example_band", "trainer_example", "trainer_thread_split", "trainer_dropped",
                    "trainer_erased_record", "trainer_erasure"}) {
                s.execute("DELETE FROM " + table);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return db;
    }
}
