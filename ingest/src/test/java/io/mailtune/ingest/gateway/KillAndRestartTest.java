package io.mailtune.ingest.gateway;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailtune.ingest.GreenMailSetups;
import io.mailtune.testing.KafkaBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * Kills the gateway process with SIGKILL at several moments while it publishes from GreenMail, restarts it each time
 * on the same state, then reads the topic: every message is there exactly once. Where Dovecot can run, the same
 * scenario runs against it in {@link RealMailServersGatewayTest} (CI always can), and this copy is skipped: the IMAP
 * server only serves the messages, the behaviour under test is the gateway's.
 */
@DisabledIf(value = "io.mailtune.testing.RealMailServers#canStart", disabledReason = "runs against Dovecot in RealMailServersGatewayTest")
class KillAndRestartTest {

    @RegisterExtension
    static KafkaBroker kafka = new KafkaBroker();

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(GreenMailSetups.patient(ServerSetupTest.IMAP.dynamicPort()))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("support@acme.test", "support", "secret"));

    @TempDir
    Path state;

    @Test
    void killingTheProcessAtAnyMomentLosesNothingAndPublishesNothingTwice() throws Exception {
        new ImapScenarios(greenMail.getImap().getPort(), "support", "secret", "support@acme.test").killAndRestart(kafka, state);
    }
}
