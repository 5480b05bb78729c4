package io.mailtune.ingest.imap;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailtune.ingest.GreenMailSetups;
import com.sun.net.httpserver.HttpServer;
import io.mailtune.core.mail.EmailAddress;
import io.mailtune.ingest.gateway.GatewaySettings;
import io.mailtune.ingest.gateway.MailGateway;
import io.mailtune.ingest.store.MailboxEvent;
import io.mailtune.testing.KafkaBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** XOAUTH2 logins against GreenMail with tokens from a real HTTP token endpoint on loopback. */
class OAuth2MailboxTest {

    @RegisterExtension
    static KafkaBroker kafka = new KafkaBroker();

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(GreenMailSetups.patient(ServerSetupTest.IMAP.dynamicPort()))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("support@acme.test", "support", "access-token-1"));

    @TempDir
    Path state;
    private HttpServer tokenEndpoint;
    private final AtomicReference<String> answer = new AtomicReference<>();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startTokenEndpoint() throws Exception {
        tokenEndpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tokenEndpoint.createContext("/token", exchange -> {
            requests.incrementAndGet();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean ok = body.contains("grant_type=refresh_token") && body.contains("refresh_token=refresh-1") && answer.get().contains("access_token");
            byte[] response = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(ok ? 200 : 400, response.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response);
            }
        });
        tokenEndpoint.start();
    }

    @AfterEach
    void stopTokenEndpoint() {
        tokenEndpoint.stop(0);
    }

    private MailboxConfig mailbox(String id) {
        URI uri = URI.create("http://127.0.0.1:" + tokenEndpoint.getAddress().getPort() + "/token");
        RefreshingTokenProvider tokens = new RefreshingTokenProvider(new OAuth2RefreshTokenSource(uri, "client-1", "client-secret", "refresh-1", null));
        return MailboxConfig.of(id, "127.0.0.1", greenMail.getImap().getPort(), TransportSecurity.NONE, "support",
                new ImapAuth.OAuth2(tokens), EmailAddress.of("support@acme.test")).withWaiting(true, Duration.ofSeconds(1), Duration.ofSeconds(20));
    }

    @Test
    void aMailboxLogsInWithXoauth2UsingARefreshedToken() throws Exception {
        answer.set("{\"access_token\":\"access-token-1\",\"expires_in\":3599,\"token_type\":\"Bearer\"}");
        try (MailGateway gateway = new MailGateway(GatewaySettings.embedded(kafka.bootstrapServers(), state))) {
            gateway.start(List.of(mailbox("oauth-ok")));
            awaitState(gateway, "oauth-ok/INBOX", WatcherState.CONNECTED);
            assertEquals(1, requests.get(), "one refresh for the first connection");
        }
    }

    @Test
    void aRevokedGrantIsReportedAsNeedingReauthorisation() throws Exception {
        answer.set("{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}");
        try (MailGateway gateway = new MailGateway(GatewaySettings.embedded(kafka.bootstrapServers(), state))) {
            gateway.start(List.of(mailbox("oauth-revoked")));
            awaitState(gateway, "oauth-revoked/INBOX", WatcherState.NEEDS_REAUTHORISATION);
            String problem = gateway.watcher("oauth-revoked", "INBOX").lastProblem();
            assertTrue(problem.contains("revoked") && problem.contains("re-authorise"), problem);
            assertTrue(gateway.events().list("oauth-revoked").stream().anyMatch(e -> e.kind() == MailboxEvent.Kind.AUTHENTICATION_FAILED));
        }
    }

    @Test
    void aTokenRejectedByTheServerIsReportedAsALoginProblem() throws Exception {
        answer.set("{\"access_token\":\"not-the-right-token\",\"expires_in\":3599}");
        try (MailGateway gateway = new MailGateway(GatewaySettings.embedded(kafka.bootstrapServers(), state))) {
            gateway.start(List.of(mailbox("oauth-wrong")));
            awaitState(gateway, "oauth-wrong/INBOX", WatcherState.NEEDS_REAUTHORISATION);
            assertTrue(gateway.watcher("oauth-wrong", "INBOX").lastProblem().contains("refused the login"));
        }
    }

    @Test
    void aRevokedSourceKeepsFailingUntilReauthorised() throws Exception {
        answer.set("{\"error\":\"invalid_grant\"}");
        URI uri = URI.create("http://127.0.0.1:" + tokenEndpoint.getAddress().getPort() + "/token");
        RefreshingTokenProvider tokens = new RefreshingTokenProvider(new OAuth2RefreshTokenSource(uri, "client-1", null, "refresh-1", null));
        assertThrows(TokenRevokedException.class, tokens::token);
        assertThrows(TokenRevokedException.class, tokens::token);
        assertEquals(1, requests.get(), "a revoked grant is not retried against the provider");
        answer.set("{\"access_token\":\"fresh\",\"expires_in\":3599}");
        tokens.reauthorised(new OAuth2RefreshTokenSource(uri, "client-1", null, "refresh-1", null));
        assertEquals("fresh", tokens.token().value());
    }

    private static void awaitState(MailGateway gateway, String key, WatcherState expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (gateway.states().get(key) != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(key + " is " + gateway.states().get(key) + ", expected " + expected);
            }
            Thread.sleep(50);
        }
    }
}
