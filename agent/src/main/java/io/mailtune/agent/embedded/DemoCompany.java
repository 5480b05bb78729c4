package io.mailtune.agent.embedded;

import io.mailtune.demo.brightcart.HouseStyle;
import io.mailtune.model.draft.CompanyProfile;

/** The demo company's defaults, used only when no company and no mailbox are configured. */
public final class DemoCompany {

    /** The demo support mailbox's id. */
    public static final String MAILBOX = "support";
    /** The demo support address. */
    public static final String SUPPORT_ADDRESS = "support@brightcart.example";
    /** The demo support mailbox's IMAP password (the embedded server listens on loopback only). */
    public static final String SUPPORT_PASSWORD = "demo";

    private DemoCompany() {
    }

    /** Brightcart's profile: the house style the bundled model learnt. */
    public static CompanyProfile profile() {
        return new CompanyProfile("Brightcart", HouseStyle.DEFAULT.signOff(), "friendly, clear and brief", "en", null);
    }
}
