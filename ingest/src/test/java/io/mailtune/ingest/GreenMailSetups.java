package io.mailtune.ingest;

import com.icegreen.greenmail.util.ServerSetup;

/** GreenMail server setups for ingest's tests, patient enough to start on a machine shared by many builds. */
public final class GreenMailSetups {

    /** GreenMail's default of 2 s was exceeded by its IMAPS server at load average 20 on two cores. */
    private static final long STARTUP_TIMEOUT_MILLIS = 30_000;

    private GreenMailSetups() {
    }

    /** The setups, each allowed {@value #STARTUP_TIMEOUT_MILLIS} ms to start. */
    public static ServerSetup[] patient(ServerSetup... setups) {
        for (ServerSetup setup : setups) {
            setup.setServerStartupTimeout(STARTUP_TIMEOUT_MILLIS);
        }
        return setups;
    }
}
