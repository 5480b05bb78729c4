package io.mailtune.trainer.run;

import io.mailtune.core.sql.Database;
import io.mailtune.testing.PostgresDatabase;
import io.mailtune.trainer.TestDatabases;
import org.junit.jupiter.api.extension.RegisterExtension;

class LeaseOnPostgresTest extends LeaseContract {

    @RegisterExtension
    static PostgresDatabase postgres = new PostgresDatabase();

    @Override
    Database[] twoInstances() {
        Database a = TestDatabases.postgres(postgres.jdbcUrl(), postgres.user());
        a.update("UPDATE trainer_lease SET holder = NULL, token = 0, expires_at = 0");
        return new Database[] {a, TestDatabases.postgres(postgres.jdbcUrl(), postgres.user())};
    }
}
