package io.mailtune.agent.embedded;

/** The demo mailbox's defaults, used only when no mailbox is configured (the profile: {@code BrightcartProfile}). */
public final class DemoCompany {

    /** The demo support mailbox's id. */
    public static final String MAILBOX = "support";
    /** The demo support address. */
    public static final String SUPPORT_ADDRESS = "support@brightcart.example";
    /** The demo support mailbox's IMAP password (the embedded server listens on loopback only). */
    public static final String SUPPORT_PASSWORD = "demo";

    private DemoCompany() {
    }
}
