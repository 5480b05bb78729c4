package io.mailtune.agent.mail;

import io.mailtune.agent.config.MailSettings;
import io.mailtune.agent.config.Secrets;
import io.mailtune.agent.config.StorageSettings;
import io.mailtune.agent.embedded.KafkaEndpoint;
import io.mailtune.ingest.gateway.GatewaySettings;
import io.mailtune.ingest.gateway.MailGateway;
import io.mailtune.ingest.imap.MailboxConfig;
import io.mailtune.ingest.imap.WatcherState;
import io.mailtune.ingest.mime.MessageLimits;
import io.mailtune.ingest.store.IngestDatabase;
import io.mailtune.ingest.store.RawMessageStore;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Hosts ingest's mail gateway for the mailboxes this instance reads, publishing to {@code mailtune.inbound}. Today it
 * reads every configured mailbox; assigning mailboxes among several instances plugs in here ({@link #hostedMailboxes}).
 */
@Startup
@ApplicationScoped
public class MailHost {

    private static final Logger LOG = Logger.getLogger(MailHost.class);
    /** How far back ingest's subject-and-participants thread fallback looks. */
    static final Duration SUBJECT_WINDOW = Duration.ofDays(90);

    private final Mailboxes mailboxes;
    private final MailSettings settings;
    private final StorageSettings storage;
    private final KafkaEndpoint kafka;
    private MailGateway gateway;
    private RawMessageStore raw;

    MailHost(Mailboxes mailboxes, MailSettings settings, StorageSettings storage, KafkaEndpoint kafka) {
        this.mailboxes = mailboxes;
        this.settings = settings;
        this.storage = storage;
        this.kafka = kafka;
    }

    @PostConstruct
    void start() {
        Path ingestDir = storage.dataDir().resolve("ingest");
        Path rawDir = settings.ingest().rawDir().orElse(ingestDir.resolve("raw"));
        MailSettings.IngestStore store = settings.ingest();
        String url = store.jdbcUrl().orElse(IngestDatabase.embeddedUrl(ingestDir));
        String password = store.passwordEnv().map(env -> Secrets.fromEnvironment(env, "mailtune.mail.ingest.password-env")).orElse("");
        gateway = new MailGateway(new GatewaySettings(kafka.bootstrapServers(), url, store.username().orElse("sa"), password,
                rawDir, MessageLimits.DEFAULT, Duration.ofSeconds(30), SUBJECT_WINDOW, new Properties()));
        raw = new RawMessageStore(rawDir);
        List<MailboxConfig> hosted = hostedMailboxes();
        gateway.start(hosted);
        LOG.infof("reading %d mailbox(es): %s", hosted.size(), hosted.stream().map(MailboxConfig::id).toList());
    }

    /** The mailboxes this instance reads. */
    List<MailboxConfig> hostedMailboxes() {
        return mailboxes.all().values().stream().map(Mailbox::imap).toList();
    }

    /** The gateway's database: checkpoints, threads and the record of sent replies. */
    public IngestDatabase ingestDatabase() {
        return gateway.database();
    }

    /** The raw message store, for the thread view's raw message and attachments. */
    public RawMessageStore rawMessages() {
        return raw;
    }

    /** Each hosted {@code mailbox/folder}'s watcher state. */
    public Map<String, WatcherState> states() {
        return gateway.states();
    }

    /** The gateway itself (history imports share its publisher). */
    public MailGateway gateway() {
        return gateway;
    }

    @PreDestroy
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }
}
