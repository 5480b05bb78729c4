package io.mailtune.agent.mail;

import io.mailtune.agent.config.InstanceId;
import io.mailtune.agent.config.MailSettings;
import io.mailtune.agent.config.Secrets;
import io.mailtune.agent.config.StorageSettings;
import io.mailtune.agent.embedded.KafkaEndpoint;
import io.mailtune.ingest.gateway.AssignmentSettings;
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
 * Hosts ingest's mail gateway, publishing to {@code mailtune.inbound}: every configured mailbox, or, with
 * {@code mailtune.mail.assignment.enabled}, those Kafka assigns to this instance among all instances sharing the ingest
 * database (a takeover fences the previous owner, so nothing is published twice).
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
    private final InstanceId instance;
    private MailGateway gateway;
    private RawMessageStore raw;

    MailHost(Mailboxes mailboxes, MailSettings settings, StorageSettings storage, KafkaEndpoint kafka, InstanceId instance) {
        this.instance = instance;
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
        List<MailboxConfig> configured = mailboxes.all().values().stream().map(Mailbox::imap).toList();
        MailSettings.Assignment assignment = settings.assignment();
        if (assignment.enabled()) {
            Duration session = assignment.sessionTimeout();
            gateway.startAssigned(configured, AssignmentSettings.defaults().withGroupId(assignment.group())
                    .withInstanceId(instance.get().replaceAll("[^A-Za-z0-9._:-]", "-"))
                    .withTimeouts(session, session.dividedBy(10), Duration.ofSeconds(60)));
            LOG.infof("reading the mailboxes Kafka assigns to this instance (group %s) of %s", assignment.group(),
                    configured.stream().map(MailboxConfig::id).toList());
        } else {
            gateway.start(configured);
            LOG.infof("reading %d mailbox(es): %s", configured.size(), configured.stream().map(MailboxConfig::id).toList());
        }
    }

    /** The ids of the mailboxes this instance reads now. */
    public java.util.Set<String> hostedMailboxes() {
        return gateway.mailboxes();
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
