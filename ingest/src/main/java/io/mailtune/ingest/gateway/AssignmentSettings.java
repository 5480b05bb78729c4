package io.mailtune.ingest.gateway;

import java.time.Duration;

/**
 * How gateways sharing one ingest database divide the mailboxes among themselves through Kafka (see
 * {@link MailGateway#startAssigned}).
 *
 * @param groupId           the consumer group of the instances on {@code mailtune.mailbox-owners}; one per deployment
 * @param instanceId        this instance's name in owner records, events and the Kafka client id
 * @param sessionTimeout    an instance that sends no heartbeat for this long (killed, stopped, cut off) loses its
 *                          mailboxes to the others; the broker accepts 6 s to 30 min by default
 * @param heartbeatInterval how often an instance tells the group it is alive; at most a third of the session timeout
 * @param maxPollInterval   an instance whose assignment loop does not poll for this long (stuck) loses its mailboxes
 */
public record AssignmentSettings(String groupId, String instanceId, Duration sessionTimeout, Duration heartbeatInterval,
                                 Duration maxPollInterval) {

    /** The default consumer group. */
    public static final String DEFAULT_GROUP = "mailtune-mailboxes";

    /** Validates every setting, naming it. */
    public AssignmentSettings {
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("groupId must name the consumer group of the instances, e.g. " + DEFAULT_GROUP);
        }
        if (instanceId == null || !instanceId.matches("[A-Za-z0-9._:-]{1,200}")) {
            throw new IllegalArgumentException("instanceId must be 1-200 letters, digits, '.', '_', ':' or '-', was '" + instanceId + "'");
        }
        if (sessionTimeout == null || sessionTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("sessionTimeout must be at least 1 s, was " + sessionTimeout);
        }
        if (heartbeatInterval == null || heartbeatInterval.isNegative() || heartbeatInterval.isZero()
                || heartbeatInterval.multipliedBy(3).compareTo(sessionTimeout) > 0) {
            throw new IllegalArgumentException("heartbeatInterval must be positive and at most a third of sessionTimeout ("
                    + sessionTimeout + "), was " + heartbeatInterval);
        }
        if (maxPollInterval == null || maxPollInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("maxPollInterval must be at least 1 s, was " + maxPollInterval);
        }
    }

    /**
     * Defaults: group {@value #DEFAULT_GROUP}, this host and process as the instance, a 10 s session timeout with
     * heartbeats every second, and 60 s for the assignment loop to poll (starting a mailbox waits for Kafka to fence its
     * previous owner, up to the gateway's acknowledgement timeout, inside that loop).
     */
    public static AssignmentSettings defaults() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        String instance = (host + ":" + ProcessHandle.current().pid()).replaceAll("[^A-Za-z0-9._:-]", "-");
        return new AssignmentSettings(DEFAULT_GROUP, instance, Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(60));
    }

    /** The same with another consumer group. */
    public AssignmentSettings withGroupId(String group) {
        return new AssignmentSettings(group, instanceId, sessionTimeout, heartbeatInterval, maxPollInterval);
    }

    /** The same with another instance name. */
    public AssignmentSettings withInstanceId(String instance) {
        return new AssignmentSettings(groupId, instance, sessionTimeout, heartbeatInterval, maxPollInterval);
    }

    /** The same with other failure-detection times. */
    public AssignmentSettings withTimeouts(Duration session, Duration heartbeat, Duration maxPoll) {
        return new AssignmentSettings(groupId, instanceId, session, heartbeat, maxPoll);
    }
}
