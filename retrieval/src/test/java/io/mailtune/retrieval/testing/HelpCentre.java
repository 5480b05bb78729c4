package io.mailtune.retrieval.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small help centre written to a folder, in all three formats, for tests that index real files. */
public final class HelpCentre {

    /** Refund policy, Markdown, product "shop". */
    public static final String REFUNDS = """
            ---
            id: refunds
            title: Refunds and returns
            url: https://help.example.com/refunds
            product: shop
            updated-at: 2026-03-01
            key-instruction: Never promise a refund before the item is back in the warehouse.
            ---
            # Refunds and returns

            You can return any item within 30 days of delivery for a full refund.

            ## How long a refund takes

            Once the parcel reaches our warehouse we check it within two working days. The money goes back to the
            card you paid with; banks take another three to five working days to show it.

            ## Items we cannot take back

            - Gift cards and e-vouchers
            - Opened software or downloaded games
            - Personalised items, such as engraved jewellery
            """;

    /** Password reset, HTML, product "account". */
    public static final String PASSWORD = """
            <html lang="en"><head><title>Reset your password</title>
            <meta name="id" content="password-reset"><meta name="product" content="account">
            <link rel="canonical" href="https://help.example.com/password">
            <style>body { color: red }</style><script>var tracking = "reset password";</script></head>
            <body><h1>Reset your password</h1>
            <p>If you forgot your password you can choose a new one from the sign-in page.</p>
            <h2>Steps</h2>
            <ol><li>Open the sign-in page and click <b>Forgot password</b>.</li>
            <li>Enter the email address of your account.</li>
            <li>Follow the link in the email we send you; it works for one hour.</li></ol>
            <h2>The email never arrived</h2>
            <p>Check your spam folder. Links expire after an hour, so request a new one if it is older.</p>
            </body></html>
            """;

    /** Delivery times, plain text, product "shop". */
    public static final String DELIVERY = """
            Delivery times

            Standard delivery takes three to five working days within the country. Express delivery arrives the next
            working day when you order before 2 pm.

            - Standard: free over 50 euros
            - Express: 9 euros
            """;

    /** German article about the same topic as {@link #DELIVERY}, for language filters. */
    public static final String LIEFERUNG = """
            ---
            id: lieferung
            title: Lieferzeiten
            language: de
            product: shop
            ---
            Die Standardlieferung dauert drei bis fünf Werktage. Expresslieferung kommt am nächsten Werktag.
            """;

    private HelpCentre() {
    }

    /** Writes the four articles into a folder and returns it. */
    public static Path write(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("refunds.md"), REFUNDS);
        Files.writeString(folder.resolve("password.html"), PASSWORD);
        Files.writeString(folder.resolve("delivery.txt"), DELIVERY);
        Files.writeString(folder.resolve("lieferung.md"), LIEFERUNG);
        return folder;
    }
}
