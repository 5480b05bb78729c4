package io.mailtune.agent.config;

import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This agent instance's name in leases and claims: configured, or host name and process id. */
@ApplicationScoped
public class InstanceId {

    private final String id;

    InstanceId(DraftingSettings settings) {
        this.id = settings.instanceId().orElseGet(InstanceId::hostAndPid);
    }

    /** The instance's name. */
    public String get() {
        return id;
    }

    private static String hostAndPid() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "agent";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
