package io.mailtune.agent.flow;

import io.mailtune.agent.drafting.KnowledgeBaseHost;
import io.mailtune.testing.Browser;
import io.mailtune.testing.RequestTrap;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The review desk in a real headless Chromium against the whole agent (GreenMail, a KRaft broker, PostgreSQL): signing
 * in, working the queue with the keyboard, editing and approving, a rejection with a reason, the second reviewer told who
 * won, a hostile HTML email that runs nothing and loads nothing, flagged mail, the dashboard, the customer's language.
 * Screenshots go to {@code agent/target/screenshots}.
 */
@QuarkusTest
@QuarkusTestResource(AgentTestResources.class)
class DeskBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static Browser browser;

    @Inject
    KnowledgeBaseHost kb;

    private static String base() {
        return "http://127.0.0.1:" + RestAssured.port;
    }

    /** The shared browser, signed in as the admin (a wrong password first, which the page refuses). */
    private static synchronized Browser desk() {
        if (browser == null) {
            browser = Browser.start();
            browser.open(base() + "/");
            browser.await(WAIT, d -> d.getCurrentUrl().contains("/login"));
            signIn("admin", "not-the-password");
            browser.await(WAIT, d -> !d.findElements(By.cssSelector("[data-signin-error]")).isEmpty());
            browser.screenshot("signin-refused");
            signIn("admin", AgentTestResources.ADMIN_PASSWORD);
            browser.await(WAIT, d -> !d.findElements(By.cssSelector(".topbar")).isEmpty());
        }
        return browser;
    }

    private static void signIn(String user, String password) {
        var d = browser.driver();
        d.findElement(By.id("u")).clear();
        d.findElement(By.id("u")).sendKeys(user);
        d.findElement(By.id("p")).sendKeys(password);
        d.findElement(By.cssSelector("button[type=submit]")).click();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    private static void keys(CharSequence... keys) {
        new Actions(browser.driver()).sendKeys(keys).perform();
    }

    private static WebElement row(String subject) {
        return browser.await(WAIT, d -> d.findElements(By.cssSelector("tr.row")).stream()
                .filter(r -> r.getText().contains(subject)).findFirst().orElse(null));
    }

    private static boolean inQueue(String subject) {
        return browser.driver().findElements(By.cssSelector("tr.row")).stream().anyMatch(r -> r.getText().contains(subject));
    }

    private static String openDraft(String subject) {
        String draftId = (String) Desk.awaitDraft(subject, "READY").get("draftId");
        desk().open(base() + "/drafts/" + draftId);
        browser.await(WAIT, d -> d.findElement(By.cssSelector(".mail .subject")).getText().contains(subject));
        return draftId;
    }

    @Test
    void aReviewerOpensADraftEditsItApprovesItAndSeesItLeaveTheQueue() {
        TestMailArrival.arrive("Lamp arrived broken", "Hello, the desk lamp I ordered arrived with a cracked shade. "
                + "Can I get a replacement or a refund? Order 88812.");
        String draftId = (String) Desk.awaitDraft("Lamp arrived broken", "READY").get("draftId");
        desk().open(base() + "/?status=ready");
        row("Lamp arrived broken");
        browser.screenshot("queue");
        row("Lamp arrived broken").findElement(By.cssSelector("a.open")).click();
        browser.await(WAIT, d -> d.getCurrentUrl().endsWith("/drafts/" + draftId));
        assertFalse(browser.driver().findElements(By.cssSelector("[data-confidence]")).isEmpty(), "the confidence is shown");
        assertTrue(browser.driver().findElement(By.cssSelector("[data-adapter]")).getText().contains("base"));
        assertFalse(browser.driver().findElements(By.cssSelector(".sources .source")).isEmpty(), "the passages are shown");
        boolean handOff = browser.driver().findElements(By.cssSelector(".tag.warn")).stream()
                .anyMatch(t -> t.getText().equals("hand-off"));
        assertTrue(browser.driver().findElement(By.cssSelector(".sources h3")).getText()
                .equalsIgnoreCase(handOff ? "Closest articles" : "Written from"), "a hand-off is not said to be written from them");
        browser.screenshot("draft");

        keys("e");
        WebElement editor = browser.driver().findElement(By.id("editor"));
        assertEquals(editor, browser.driver().switchTo().activeElement(), "E puts the cursor in the editor");
        editor.sendKeys("\n\nWe are sorry about the shade: a new one is on its way.");
        assertTrue(browser.driver().findElement(By.cssSelector("[data-edit-state]")).getText().startsWith("edited"));
        editor.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        browser.await(WAIT, d -> !d.getCurrentUrl().endsWith("/drafts/" + draftId));
        browser.await(WAIT, d -> d.findElement(By.cssSelector(".flash.ok")).getText().contains("Approved"));

        JsonPath decided = Desk.draft(draftId);
        assertEquals("APPROVED", decided.getString("summary.status"));
        assertTrue(decided.getString("review.sentText").endsWith("a new one is on its way."), decided.getString("review.sentText"));
        browser.open(base() + "/?status=ready");
        browser.await(WAIT, d -> !d.findElements(By.cssSelector("[data-queue]")).isEmpty());
        assertFalse(inQueue("Lamp arrived broken"), "an approved draft leaves the queue");
    }

    @Test
    void theKeyboardWorksTheQueueAndNothingFiresWhileTyping() {
        TestMailArrival.arrive("Keyboard gift card", "Hi, can I pay for my order with a gift card and a credit card together?");
        TestMailArrival.arrive("Keyboard invoice copy", "Hello, please send me a copy of the invoice for my last order.");
        String first = (String) Desk.awaitDraft("Keyboard gift card", "READY").get("draftId");
        String second = (String) Desk.awaitDraft("Keyboard invoice copy", "READY").get("draftId");
        desk().open(base() + "/?status=ready");
        row("Keyboard gift card");

        keys("?");
        browser.await(WAIT, d -> d.findElement(By.id("shortcuts")).isDisplayed());
        browser.screenshot("shortcuts");
        keys(Keys.ESCAPE);
        browser.await(WAIT, d -> !d.findElement(By.id("shortcuts")).isDisplayed());

        for (int i = 0; i < 200 && !browser.driver().findElement(By.cssSelector("tr.row.selected")).getText().contains("Keyboard gift card"); i++) {
            keys("j");
        }
        // The queue is oldest email first; two emails of the same second keep a stable order of their own, so the
        // row expected after J is the one the page shows next, not the one sent second.
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("tr.row"));
        int at = rows.indexOf(browser.driver().findElement(By.cssSelector("tr.row.selected")));
        assertTrue(at + 1 < rows.size(), "a draft follows the selected one");
        String next = rows.get(at + 1).getText();
        keys("j");
        assertEquals(next, browser.driver().findElement(By.cssSelector("tr.row.selected")).getText(),
                "J moves to the next, younger draft");
        keys("k");
        assertTrue(browser.driver().findElement(By.cssSelector("tr.row.selected")).getText().contains("Keyboard gift card"));
        keys(Keys.ENTER);
        browser.await(WAIT, d -> d.getCurrentUrl().endsWith("/drafts/" + first));

        keys("e");
        WebElement editor = browser.driver().findElement(By.id("editor"));
        editor.sendKeys(" a r j k ?");
        assertTrue(browser.driver().getCurrentUrl().endsWith("/drafts/" + first), "typing A, R, J, K or ? in the editor does nothing");
        assertFalse(browser.driver().findElement(By.id("reject-dialog")).isDisplayed());
        assertEquals("READY", Desk.draft(first).getString("summary.status"));
        editor.sendKeys(Keys.ESCAPE);

        keys("r");
        browser.await(WAIT, d -> d.findElement(By.id("reject-dialog")).isDisplayed());
        keys("2");
        browser.driver().findElement(By.id("note")).sendKeys("the gift card article is the one to cite");
        browser.screenshot("reject");
        browser.driver().findElement(By.id("note")).sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        browser.await(WAIT, d -> !d.getCurrentUrl().endsWith("/drafts/" + first));
        JsonPath rejected = Desk.draft(first);
        assertEquals("REJECTED", rejected.getString("summary.status"));
        assertEquals("Cites the wrong article: the gift card article is the one to cite", rejected.getString("review.rejectReason"));

        browser.open(base() + "/drafts/" + second);
        browser.await(WAIT, d -> !d.findElements(By.id("editor")).isEmpty());
        keys("a");
        browser.await(WAIT, d -> !d.getCurrentUrl().endsWith("/drafts/" + second));
        JsonPath approved = Desk.draft(second);
        assertEquals("APPROVED", approved.getString("summary.status"));
        assertEquals(approved.getString("text"), approved.getString("review.sentText"), "A sends the draft as written");
    }

    @Test
    void theSecondReviewerSeesWhoElseHasTheDraftOpenIsToldWhoWonAndKeepsTheirText() {
        Desk.admin().body(Map.of("username", "ruth", "password", "ruth-password-1", "role", "reviewer")).post("/api/users");
        TestMailArrival.arrive("Two reviewers one parcel", "Hi, my parcel shows as delivered but it is not here. What now?");
        String draftId = openDraft("Two reviewers one parcel");
        Desk.as("ruth", "ruth-password-1").put("/api/drafts/" + draftId + "/presence").then().statusCode(200);
        browser.await(Duration.ofSeconds(25), d -> d.findElement(By.id("presence")).getText().contains("ruth"));
        browser.screenshot("presence");

        long version = ((Number) Desk.awaitDraft("Two reviewers one parcel", "READY").get("version")).longValue();
        Desk.as("ruth", "ruth-password-1").body(Map.of("version", version)).post("/api/drafts/" + draftId + "/approve")
                .then().statusCode(200);
        WebElement editor = browser.driver().findElement(By.id("editor"));
        editor.sendKeys("\nMy own careful addition.");
        editor.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        WebElement conflict = browser.await(WAIT, d -> d.findElements(By.cssSelector("[data-conflict]")).stream().findFirst().orElse(null));
        assertTrue(conflict.getText().contains("ruth approved this draft"), conflict.getText());
        assertTrue(conflict.getText().contains("My own careful addition."), "the loser's text is kept: " + conflict.getText());
        browser.screenshot("conflict");
        JsonPath decided = Desk.draft(draftId);
        assertEquals("ruth", decided.getString("review.reviewer"));
        assertFalse(decided.getString("review.sentText").contains("careful addition"), "only the winner's reply is sent");
    }

    @Test
    void aHostileHtmlEmailRunsNothingAndLoadsNothing() throws Exception {
        try (RequestTrap trap = RequestTrap.start()) {
            String t = trap.url();
            String html = "<html><head><meta http-equiv=\"refresh\" content=\"0;url=" + t + "/refresh\">"
                    + "<base href=\"" + t + "/base/\"><link rel=\"stylesheet\" href=\"" + t + "/link.css\">"
                    + "<style>@import url(" + t + "/import.css); body { background: url(" + t + "/body.png) }</style>"
                    + "<script src=\"" + t + "/external.js\"></script></head>"
                    + "<body onload=\"fetch('" + t + "/onload')\"><p>Dear support, my <b>voucher</b> code does not work.</p>"
                    + "<script>fetch('" + t + "/inline-script'); parent.document.title = 'pwned';</script>"
                    + "<img src=\"" + t + "/tracker.gif\" alt=\"tracker\" onerror=\"fetch('" + t + "/onerror')\">"
                    + "<img src=\"cid:logo@customer\" alt=\"our logo\" id=\"own-image\">"
                    + "<a id=\"jslink\" href=\"javascript:fetch('" + t + "/jslink')\">see my voucher</a>"
                    + "<div id=\"overlay\" style=\"position:fixed;top:0;left:0;width:100%;height:100%;z-index:99999;"
                    + "background:url(" + t + "/overlay.png) red\">SECURITY ALERT: re-enter your password</div>"
                    + "<form action=\"" + t + "/form\" method=\"post\"><input name=\"password\"><button>Verify</button></form>"
                    + "<iframe src=\"" + t + "/iframe\"></iframe><object data=\"" + t + "/object\"></object>"
                    + "<svg onload=\"fetch('" + t + "/svg')\"><image href=\"" + t + "/svg.png\"/></svg>"
                    + "<video poster=\"" + t + "/poster.png\"></video><table background=\"" + t + "/table.png\"><tr><td>cell</td></tr></table>"
                    + "<blockquote>On Monday you wrote: older words</blockquote></body></html>";
            AgentTestResources.current().mailbox().deliver(AgentTestResources.SUPPORT, htmlMessage("Voucher code rejected", html));
            String draftId = openDraft("Voucher code rejected");
            String title = browser.driver().getTitle();

            WebElement formatted = browser.driver().findElement(By.cssSelector("details[data-formatted] > summary"));
            formatted.click();
            WebElement frame = browser.await(WAIT, d -> d.findElement(By.cssSelector("iframe[data-mail-frame]")));
            assertFalse(frame.getAttribute("sandbox").contains("allow-scripts"), frame.getAttribute("sandbox"));
            assertFalse(frame.getAttribute("sandbox").contains("allow-same-origin"), frame.getAttribute("sandbox"));
            browser.driver().switchTo().frame(frame);
            browser.await(WAIT, d -> d.findElement(By.tagName("body")).getText().contains("voucher"));
            var inside = browser.driver();
            assertTrue(inside.findElements(By.tagName("script")).isEmpty(), "no script element in the frame");
            assertTrue(inside.findElements(By.cssSelector("form, input, iframe, object, svg, video, meta[http-equiv], link, base")).isEmpty());
            assertTrue(inside.findElements(By.cssSelector("[onload], [onerror], [onclick]")).isEmpty(), "no event handler survives");
            WebElement link = inside.findElement(By.linkText("see my voucher"));
            assertTrue(link.getAttribute("href") == null || !link.getAttribute("href").startsWith("javascript"), "no javascript: link");
            WebElement overlay = inside.findElement(By.xpath("//*[contains(text(), 'SECURITY ALERT')]"));
            assertEquals("static", overlay.getCssValue("position"), "the overlay cannot fix itself over the page");
            List<WebElement> images = inside.findElements(By.tagName("img"));
            assertEquals(1, images.size(), "only the message's own image is shown");
            WebElement own = images.getFirst();
            assertTrue(own.getAttribute("src").startsWith("data:image/png;base64,"), own.getAttribute("src"));
            assertTrue(inside.findElement(By.tagName("body")).getText().contains("remote image"), "the blocked images are named");
            inside.switchTo().defaultContent();
            browser.screenshot("hostile-email");

            WebElement approve = browser.driver().findElement(By.cssSelector("[data-approve-button]"));
            Object topmost = browser.script("var r = arguments[0].getBoundingClientRect();"
                    + " return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2).closest('[data-approve-button]') !== null;", approve);
            assertEquals(Boolean.TRUE, topmost, "nothing from the email covers the desk's buttons");
            Thread.sleep(2000);
            assertEquals(title, browser.driver().getTitle(), "the email's script never reached the desk");
            assertTrue(browser.driver().getCurrentUrl().endsWith("/drafts/" + draftId), "no refresh navigated the desk");
            assertEquals(List.of(), trap.requests(), "the email made the browser load nothing from elsewhere");

            String emailId = Desk.draft(draftId).getString("email.emailId");
            var body = Desk.admin().get("/emails/" + emailId + "/body").then().statusCode(200).extract();
            assertTrue(body.header("Content-Security-Policy").startsWith("default-src 'none'; img-src data:"), body.header("Content-Security-Policy"));
            assertTrue(body.header("Content-Security-Policy").contains("sandbox"));
            assertFalse(body.asString().contains(t), "the frame's document names no remote address");
        }
    }

    @Test
    void flaggedMailIsListedAndShownWithoutADraft() {
        String messageId = TestMail.newMessageId();
        AgentTestResources.current().mailbox().deliver(AgentTestResources.SUPPORT, TestMail.customer("holiday@example.com",
                "Automatic reply: on holiday", "I am on holiday until the 3rd.", messageId, null, Map.of("Auto-Submitted", "auto-replied")));
        desk().open(base() + "/flagged");
        for (int i = 0; i < 60 && !inQueue("Automatic reply: on holiday"); i++) {
            sleep(500);
            browser.open(base() + "/flagged");
        }
        row("Automatic reply: on holiday");
        browser.screenshot("flagged");
        row("Automatic reply: on holiday").findElement(By.cssSelector("a.open")).click();
        browser.await(WAIT, d -> d.getCurrentUrl().contains("/emails/"));
        assertTrue(browser.driver().findElement(By.cssSelector(".flags")).getText().toLowerCase().contains("auto"));
        assertTrue(browser.driver().findElements(By.id("editor")).isEmpty(), "flagged mail has no draft to edit");
    }

    @Test
    void theDashboardDrawsTheQueueAndHowReviewersDecided() {
        TestMailArrival.arrive("Dashboard sample", "Hi, do you ship to Norway?");
        Map<String, Object> line = Desk.awaitDraft("Dashboard sample", "READY");
        Desk.admin().body(Map.of("version", line.get("version"), "text", "Yes, we ship to Norway within 5 days."))
                .post("/api/drafts/" + line.get("draftId") + "/approve").then().statusCode(200);
        desk().open(base() + "/dashboard?range=24h");
        browser.await(WAIT, d -> d.findElements(By.cssSelector("svg.chart")).size() >= 6);
        assertTrue(browser.driver().findElement(By.cssSelector("table.adapters")).getText().contains("base"));
        browser.screenshot("dashboard");
        browser.open(base() + "/dashboard?range=7d");
        browser.await(WAIT, d -> d.findElements(By.cssSelector("svg.chart")).size() >= 6);
    }

    @Test
    void aGermanEmailIsAnsweredFromGermanArticlesAndTheDeskSaysSo() throws IOException {
        Files.writeString(kb.folder().resolve("rueckgabe.md"), "---\nid: rueckgabe\ntitle: Rückgabe und Erstattung\nlanguage: de\n---\n"
                + "# Rückgabe und Erstattung\n\nSie können Ihre Bestellung innerhalb von 30 Tagen zurückgeben. Die Erstattung kommt"
                + " nach fünf Werktagen auf Ihr Konto.\n");
        Desk.await("the German article indexed", Duration.ofSeconds(30), () -> kb.search("Rückgabe Erstattung Bestellung", "de", 3).size(),
                n -> n > 0);
        TestMailArrival.arrive("Rückgabe meiner Bestellung", "Hallo, ich möchte meine Bestellung zurückgeben. Wann bekomme ich die"
                + " Erstattung auf mein Konto? Danke");
        String draftId = openDraft("Rückgabe meiner Bestellung");
        JsonPath draft = Desk.draft(draftId);
        assertEquals("de", draft.getString("language"));
        assertTrue(draft.getList("passages.articleId").contains("rueckgabe"), "German articles are used: " + draft.getList("passages.articleId"));
        assertTrue(browser.driver().findElement(By.cssSelector("[data-language]")).getText().contains("German"));
        browser.driver().manage().window().setSize(new Dimension(1280, 800));
        try {
            browser.screenshot("draft-laptop");
        } finally {
            browser.driver().manage().window().setSize(new Dimension(1440, 900));
        }
    }

    private static byte[] htmlMessage(String subject, String html) throws MessagingException, IOException {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom(new InternetAddress("mallory@example.com", "Mallory"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(AgentTestResources.SUPPORT));
        m.setSubject(subject, "UTF-8");
        m.setSentDate(new Date());
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Dear support, my voucher code does not work.", "UTF-8");
        alternative.addBodyPart(text);
        MimeBodyPart rich = new MimeBodyPart();
        rich.setContent(html, "text/html; charset=UTF-8");
        alternative.addBodyPart(rich);
        MimeBodyPart alternatives = new MimeBodyPart();
        alternatives.setContent(alternative);
        MimeMultipart related = new MimeMultipart("related");
        related.addBodyPart(alternatives);
        MimeBodyPart logo = new MimeBodyPart();
        logo.setDataHandler(new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="), "image/png")));
        logo.setHeader("Content-ID", "<logo@customer>");
        logo.setDisposition("inline");
        related.addBodyPart(logo);
        m.setContent(related);
        m.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
