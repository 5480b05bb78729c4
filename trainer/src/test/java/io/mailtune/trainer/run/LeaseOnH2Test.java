package io.mailtune.trainer.run;

import io.mailtune.core.sql.Database;
import io.mailtune.trainer.TestDatabases;
import org.h2.jdbcx.JdbcDataSource;

import java.util.UUID;

class LeaseOnH2Test extends LeaseContract {

    @Override
    Database[] twoInstances() {
        String url = "jdbc:h2:mem:lease-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        JdbcDataSource a = new JdbcDataSource();
        a.setURL(url);
        a.setUser("sa");
        JdbcDataSource b = new JdbcDataSource();
        b.setURL(url);
        b.setUser("sa");
        return new Database[] {TestDatabases.migrated(a), new Database(b, "trainer database")};
    }
}
