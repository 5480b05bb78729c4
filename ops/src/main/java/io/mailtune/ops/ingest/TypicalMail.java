package io.mailtune.ops.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * Synthetic support mail of 5–20 kB shaped like a helpdesk inbox: a third plain text replies with quoted history, a
 * third multipart/alternative (text + HTML, as Gmail and Outlook send), a third HTML with a small PDF attached.
 */
final class TypicalMail {

    private static final String[] WORDS = ("order parcel delivery invoice refund account password login shipping tracking "
            + "number warehouse customer address payment card subscription cancel upgrade broken replacement warranty "
            + "thanks please help question arrived yesterday today week still missing wrong size colour return label").split(" ");

    private TypicalMail() {
    }

    /** Message number {@code i}, deterministic for a seed. */
    static byte[] message(int i, Random random) {
        int target = 5_000 + random.nextInt(15_000);
        String id = "<bench-" + i + "-" + random.nextInt(1 << 30) + "@customer" + (i % 50) + ".example>";
        String from = "customer" + (i % 200) + "@customer" + (i % 50) + ".example";
        String subject = (i % 4 == 0 ? "Re: " : "") + "Question about order " + (10_000 + i % 700);
        StringBuilder h = new StringBuilder()
                .append("Return-Path: <").append(from).append(">\r\n")
                .append("Received: from mx").append(i % 7).append(".customer.example by mx.acme.test; Mon, 23 Nov 2026 10:00:00 +0000\r\n")
                .append("From: Customer ").append(i % 200).append(" <").append(from).append(">\r\n")
                .append("To: ACME Support <support@acme.test>\r\n")
                .append("Subject: ").append(subject).append("\r\n")
                .append("Date: Mon, 23 Nov 2026 10:").append(String.format("%02d", i % 60)).append(":00 +0000\r\n")
                .append("Message-ID: ").append(id).append("\r\n")
                .append("MIME-Version: 1.0\r\n");
        String body;
        switch (i % 3) {
            case 0 -> {
                String own = paragraph(random, 400);
                String quoted = ("> " + paragraph(random, target - h.length() - own.length() - 200)).replace("\n", "\n> ");
                h.append("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n");
                body = own + "\r\n\r\nOn Sun, Nov 22, 2026 at 9:00 AM ACME Support <support@acme.test> wrote:\r\n" + quoted + "\r\n";
            }
            case 1 -> {
                String text = paragraph(random, (target - h.length()) / 3);
                h.append("Content-Type: multipart/alternative; boundary=\"alt").append(i).append("\"\r\n");
                body = "--alt" + i + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text + "\r\n--alt" + i
                        + "\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><div dir=\"ltr\"><p>"
                        + text.replace("\r\n\r\n", "</p><p>") + "</p></div><div class=\"gmail_quote\"><blockquote>"
                        + paragraph(random, text.length() / 2) + "</blockquote></div></body></html>\r\n--alt" + i + "--\r\n";
            }
            default -> {
                byte[] pdf = new byte[Math.max(1000, (target - h.length()) / 3)];
                random.nextBytes(pdf);
                String html = "<html><body><p>" + paragraph(random, (target - h.length()) / 3) + "</p><p>Best regards</p></body></html>";
                h.append("Content-Type: multipart/mixed; boundary=\"mix").append(i).append("\"\r\n");
                body = "--mix" + i + "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + html
                        + "\r\n--mix" + i + "\r\nContent-Type: application/pdf; name=\"receipt.pdf\"\r\nContent-Disposition: attachment; filename=\"receipt.pdf\"\r\n"
                        + "Content-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(pdf) + "\r\n--mix" + i + "--\r\n";
            }
        }
        return (h + "\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }

    private static String paragraph(Random random, int chars) {
        StringBuilder out = new StringBuilder(Math.max(chars, 16) + 16);
        int line = 0;
        while (out.length() < chars) {
            String word = WORDS[random.nextInt(WORDS.length)];
            out.append(word);
            line += word.length() + 1;
            if (line > 70) {
                out.append(random.nextInt(5) == 0 ? ".\r\n\r\n" : "\r\n");
                line = 0;
            } else {
                out.append(' ');
            }
        }
        return out.toString();
    }
}
