package io.mailtune.agent.flow;

import java.util.Map;

/** A customer email arriving in the support mailbox. */
final class TestMailArrival {

    private TestMailArrival() {
    }

    /** Delivers a new customer email; returns its Message-ID. */
    static String arrive(String subject, String text) {
        String messageId = TestMail.newMessageId();
        AgentTestResources.current().mailbox().deliver(AgentTestResources.SUPPORT,
                TestMail.customer("customer." + Math.abs(subject.hashCode()) + "@example.com", subject, text, messageId, null, Map.of()));
        return messageId;
    }
}
