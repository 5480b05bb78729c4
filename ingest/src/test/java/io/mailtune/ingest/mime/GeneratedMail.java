package io.mailtune.ingest.mime;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A random support message built from one seed: the customer's new text (what must survive normalisation), written
 * in a random quoting style (top post with an attribution in one of several languages, Outlook header block in random
 * order, original-message line, inline answers, bottom post, forward), with or without a signature, inside a random
 * MIME tree (plain, HTML, alternative, related, mixed with attachments, nested) with random charsets, transfer
 * encodings, header order and header-name case.
 *
 * @param seed        the seed that rebuilds it
 * @param raw         the message
 * @param sentences   the customer's new sentences
 * @param attachments the file names of every attachment in the tree
 * @param forwarded   sentences of a forwarded message, empty when there is none
 * @param history     sentences of quoted history that must not appear among the customer's words
 * @param style       how it is quoted, for failure messages
 */
record GeneratedMail(long seed, byte[] raw, List<String> sentences, List<String> attachments, List<String> forwarded,
                     List<String> history, String style) {

    private static final String[] WORDS = ("order parcel delivery invoice refund account password login shipping tracking number "
            + "warehouse address payment card subscription upgrade broken replacement warranty arrived yesterday today week "
            + "missing wrong size colour return label café naïve straße größe écran pièce mañana").split(" ");
    private static final String[] ATTRIBUTIONS = {
            "On Tue, Mar 3, 2020 at 10:00 AM ACME Support <support@acme.test> wrote:",
            "On 3 Mar 2020, at 10:00, ACME Support <support@acme.test> wrote:",
            "Am Di., 3. März 2020 um 10:00 Uhr schrieb ACME Support <support@acme.test>:",
            "Le mar. 3 mars 2020 à 10:00, ACME Support <support@acme.test> a écrit :",
            "El mar., 3 mar. 2020 a las 10:00, ACME Support (<support@acme.test>) escribió:",
            "Em ter., 3 de mar. de 2020 às 10:00, ACME Support <support@acme.test> escreveu:",
            "Il giorno mar 3 mar 2020 alle ore 10:00 ACME Support <support@acme.test> ha scritto:",
            "Op di 3 mrt. 2020 om 10:00 schreef ACME Support <support@acme.test>:",
            "wt., 3 mar 2020 o 10:00 ACME Support <support@acme.test> napisał(a):",
            "Den tis 3 mars 2020 kl 10:00 skrev ACME Support <support@acme.test>:",
            "ti 3. maalisk. 2020 klo 10.00 ACME Support (support@acme.test) kirjoitti:",
            "вт, 3 мар. 2020 г. в 10:00, ACME Support <support@acme.test>:",
            "2020年3月3日(火) 10:00 ACME Support <support@acme.test>:",
            "ACME Support <support@acme.test> 于2020年3月3日周二 上午10:00写道：",
            "2014-10-17 11:28 GMT+03:00 ACME Support <support@acme.test>:"};
    private static final String[][] HEADER_LABELS = {
            {"From", "Sent", "To", "Subject"}, {"Von", "Gesendet", "An", "Betreff"}, {"De", "Envoyé", "À", "Objet"},
            {"De", "Enviado", "Para", "Asunto"}, {"Da", "Inviato", "A", "Oggetto"}, {"Van", "Verzonden", "Aan", "Onderwerp"},
            {"Od", "Wysłano", "Do", "Temat"}, {"Från", "Skickat", "Till", "Ämne"}, {"Fra", "Sendt", "Til", "Emne"},
            {"Lähettäjä", "Lähetetty", "Vastaanottaja", "Aihe"}, {"От", "Отправлено", "Кому", "Тема"},
            {"差出人", "送信日時", "宛先", "件名"}, {"发件人", "发送时间", "收件人", "主题"}};
    private static final String[] SIGNATURES = {"", "\n\n-- \nAnn Lee\nACME Customer GmbH", "\n\nThanks,\nAnn",
            "\n\nSent from my iPhone", "\n\nMit freundlichen Grüßen\nAnn Lee\nTel. +49 30 1234567", "\n\n-Ann"};
    private static final String[] CHARSETS = {"utf-8", "UTF-8", "iso-8859-1", "windows-1252"};

    /** The message of one seed. */
    static GeneratedMail of(long seed) {
        Random r = new Random(seed);
        List<String> sentences = new ArrayList<>();
        int paragraphs = 1 + r.nextInt(3);
        StringBuilder own = new StringBuilder();
        for (int p = 0; p < paragraphs; p++) {
            if (p > 0) {
                own.append("\n\n");
            }
            int count = 1 + r.nextInt(3);
            for (int s = 0; s < count; s++) {
                String sentence = sentence(r);
                sentences.add(sentence);
                own.append(s > 0 ? (r.nextBoolean() ? " " : "\n") : "").append(sentence);
            }
        }
        List<String> forwarded = new ArrayList<>();
        List<String> history = new ArrayList<>();
        String q1 = sentence(r);
        String q2 = sentence(r);
        String quoted = "> " + q1 + "\n> " + q2;
        String style;
        String body;
        switch (r.nextInt(6)) {
            case 0 -> {
                style = "top post, attribution";
                history.addAll(List.of(q1, q2));
                body = own + signature(r) + "\n\n" + ATTRIBUTIONS[r.nextInt(ATTRIBUTIONS.length)] + "\n" + quoted + "\n";
            }
            case 1 -> {
                style = "Outlook header block";
                history.add(q1);
                body = own + signature(r) + "\n\n" + (r.nextBoolean() ? "________________________________\n" : "")
                        + headerBlock(r) + "\n" + q1 + "\n";
            }
            case 2 -> {
                style = "original-message line";
                history.add(q1);
                body = own + signature(r) + "\n\n-----Original Message-----\nFrom: ACME Support <support@acme.test>\n\n" + q1 + "\n";
            }
            case 3 -> {
                style = "inline answers";
                history.addAll(List.of(q1, q2));
                StringBuilder b = new StringBuilder(ATTRIBUTIONS[r.nextInt(ATTRIBUTIONS.length)]).append('\n');
                for (String sentence : sentences) {
                    b.append("> ").append(sentence(r)).append("?\n\n").append(sentence).append("\n\n");
                }
                body = b.append(quoted).append('\n').toString();
            }
            case 4 -> {
                style = "bottom post";
                body = ATTRIBUTIONS[r.nextInt(ATTRIBUTIONS.length)] + "\n" + quoted + "\n\n" + own + signature(r) + "\n";
            }
            default -> {
                style = "forward";
                String first = sentence(r);
                String second = sentence(r);
                forwarded.add(first);
                forwarded.add(second);
                history.addAll(forwarded);
                body = own + "\n\n---------- Forwarded message ---------\nFrom: Courier <noreply@courier.example>\n"
                        + "Date: Tue, Mar 3, 2020 at 10:00 AM\nSubject: Delivery\nTo: <ann@customer.example>\n\n" + first + "\n" + second + "\n";
            }
        }
        List<String> attachments = new ArrayList<>();
        String charset = CHARSETS[r.nextInt(CHARSETS.length)];
        if (!Charset.forName(charset).newEncoder().canEncode(body)) {
            charset = "utf-8";
        }
        String boundaryBase = "b" + Long.toHexString(seed);
        String[] tree = tree(r, body, charset, boundaryBase, attachments);
        String headers = headers(r, seed, style.equals("forward") ? "Fwd: Delivery" : "Re: Order " + (seed % 1000), tree[0]);
        // Headers are ASCII; every body part is base64, quoted-printable or 8-bit text in the declared charset.
        byte[] head = (headers + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] rest = tree[1].getBytes(Charset.forName(charset));
        byte[] raw = new byte[head.length + rest.length];
        System.arraycopy(head, 0, raw, 0, head.length);
        System.arraycopy(rest, 0, raw, head.length, rest.length);
        return new GeneratedMail(seed, raw, sentences, attachments, forwarded, history, style);
    }

    private static String sentence(Random r) {
        int n = 3 + r.nextInt(8);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String w = WORDS[r.nextInt(WORDS.length)];
            s.append(i == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : " " + w);
        }
        if (r.nextInt(4) == 0) {
            s.append(' ').append(1000 + r.nextInt(9000));
        }
        return s.append(r.nextInt(3) == 0 ? "?" : ".").toString();
    }

    private static String signature(Random r) {
        return SIGNATURES[r.nextInt(SIGNATURES.length)];
    }

    private static String headerBlock(Random r) {
        String[] labels = HEADER_LABELS[r.nextInt(HEADER_LABELS.length)];
        List<String> lines = new ArrayList<>(List.of(labels[0] + ": ACME Support <support@acme.test>",
                labels[1] + ": Tuesday, March 3, 2020 10:00 AM", labels[2] + ": Ann Lee <ann@customer.example>", labels[3] + ": Order 1234"));
        Collections.shuffle(lines, r);
        return String.join("\n", lines) + "\n";
    }

    /** Content-Type header value and body of a random MIME tree carrying the text. */
    private static String[] tree(Random r, String text, String charset, String boundary, List<String> attachments) {
        String plain = "text/plain; charset=" + charset;
        return switch (r.nextInt(6)) {
            case 0 -> new String[]{plain + "\r\nContent-Transfer-Encoding: 8bit", crlf(text)};
            case 1 -> new String[]{plain + "\r\nContent-Transfer-Encoding: base64", base64(text, charset)};
            case 2 -> alternative(r, text, charset, boundary, attachments);
            case 3 -> {
                String[] inner = alternative(r, text, charset, boundary + "a", attachments);
                String body = "--" + boundary + "\r\nContent-Type: " + inner[0] + "\r\n\r\n" + inner[1] + "\r\n"
                        + attachment(r, boundary, attachments) + attachment(r, boundary, attachments) + "--" + boundary + "--\r\n";
                yield new String[]{"multipart/mixed; boundary=\"" + boundary + "\"", body};
            }
            case 4 -> new String[]{"text/html; charset=" + charset + "\r\nContent-Transfer-Encoding: base64", base64(html(text), charset)};
            default -> {
                String body = "--" + boundary + "\r\nContent-Type: " + plain + "\r\n\r\n" + crlf(text) + "\r\n"
                        + attachment(r, boundary, attachments) + "--" + boundary + "--\r\n";
                yield new String[]{"multipart/mixed; boundary=\"" + boundary + "\"", body};
            }
        };
    }

    /** multipart/alternative of plain text and HTML, the HTML sometimes inside a multipart/related with an image. */
    private static String[] alternative(Random r, String text, String charset, String boundary, List<String> attachments) {
        StringBuilder b = new StringBuilder();
        b.append("--").append(boundary).append("\r\nContent-Type: text/plain; charset=").append(charset)
                .append("\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n").append(quotedPrintable(text, charset)).append("\r\n");
        if (r.nextBoolean()) {
            String related = boundary + "r";
            String image = "image" + r.nextInt(100) + ".png";
            attachments.add(image);
            b.append("--").append(boundary).append("\r\nContent-Type: multipart/related; boundary=\"").append(related).append("\"\r\n\r\n")
                    .append("--").append(related).append("\r\nContent-Type: text/html; charset=").append(charset)
                    .append("\r\nContent-Transfer-Encoding: base64\r\n\r\n").append(base64(html(text), charset)).append("\r\n")
                    .append("--").append(related).append("\r\nContent-Type: image/png; name=\"").append(image)
                    .append("\"\r\nContent-ID: <img1>\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                    .append(Base64.getMimeEncoder().encodeToString(("png " + image).getBytes(StandardCharsets.US_ASCII)))
                    .append("\r\n--").append(related).append("--\r\n");
        } else {
            b.append("--").append(boundary).append("\r\nContent-Type: text/html; charset=").append(charset)
                    .append("\r\nContent-Transfer-Encoding: base64\r\n\r\n").append(base64(html(text), charset)).append("\r\n");
        }
        b.append("--").append(boundary).append("--\r\n");
        return new String[]{"multipart/alternative; boundary=\"" + boundary + "\"", b.toString()};
    }

    private static String attachment(Random r, String boundary, List<String> attachments) {
        String[][] kinds = {{"receipt.pdf", "application/pdf"}, {"photo.jpg", "image/jpeg"}, {"notes.txt", "text/plain"},
                {"data.csv", "text/csv"}};
        String[] kind = kinds[r.nextInt(kinds.length)];
        String name = attachments.size() + "-" + kind[0];
        attachments.add(name);
        byte[] content = new byte[20 + r.nextInt(200)];
        r.nextBytes(content);
        return "--" + boundary + "\r\nContent-Type: " + kind[1] + "; name=\"" + name + "\"\r\nContent-Disposition: attachment; filename=\""
                + name + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(content) + "\r\n";
    }

    /** The text as HTML the way webmail writes it: quotes in blockquotes, paragraphs and line breaks. */
    private static String html(String text) {
        StringBuilder b = new StringBuilder("<html><body><div dir=\"ltr\">");
        boolean inQuote = false;
        for (String line : text.split("\n", -1)) {
            boolean quoted = line.startsWith(">");
            if (quoted != inQuote) {
                b.append(quoted ? "<blockquote class=\"gmail_quote\">" : "</blockquote>");
                inQuote = quoted;
            }
            String content = quoted ? line.substring(1).strip() : line;
            b.append(escape(content)).append("<br>");
        }
        if (inQuote) {
            b.append("</blockquote>");
        }
        return b.append("</div></body></html>").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String headers(Random r, long seed, String subject, String contentType) {
        List<String> headers = new ArrayList<>(List.of(
                "From: Ann Lee <ann@customer.example>", "To: ACME Support <support@acme.test>", "Subject: " + subject,
                "Date: Tue, 03 Mar 2020 10:0" + r.nextInt(10) + ":00 +0000", "Message-ID: <gen-" + seed + "@customer.example>",
                "MIME-Version: 1.0", "Content-Type: " + contentType,
                "Received: from mx" + r.nextInt(9) + ".customer.example by mx.acme.test;\r\n\tTue, 03 Mar 2020 10:00:05 +0000"));
        if (r.nextBoolean()) {
            headers.add("In-Reply-To: <r-" + seed + "@acme.test>");
            headers.add("References: <q-" + seed + "@customer.example>\r\n <r-" + seed + "@acme.test>");
        }
        Collections.shuffle(headers, r);
        StringBuilder out = new StringBuilder();
        for (String header : headers) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon);
            String cased = switch (r.nextInt(3)) {
                case 0 -> name.toLowerCase(Locale.ROOT);
                case 1 -> name.toUpperCase(Locale.ROOT);
                default -> name;
            };
            // A Content-Type with a transfer encoding carries its own second header line; keep that pair together.
            out.append(cased).append(header.substring(colon)).append("\r\n");
        }
        return out.toString();
    }

    private static String crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    private static String base64(String text, String charset) {
        return Base64.getMimeEncoder().encodeToString(text.getBytes(Charset.forName(charset)));
    }

    private static String quotedPrintable(String text, String charset) {
        StringBuilder out = new StringBuilder();
        for (String line : crlf(text).split("\r\n", -1)) {
            StringBuilder encoded = new StringBuilder();
            for (byte b : line.getBytes(Charset.forName(charset))) {
                int c = b & 0xff;
                encoded.append(c >= 33 && c <= 126 && c != '=' ? String.valueOf((char) c) : c == ' ' ? " " : String.format("=%02X", c));
            }
            String e = encoded.toString();
            if (e.endsWith(" ")) {
                e = e.substring(0, e.length() - 1) + "=20";
            }
            // Soft line breaks keep encoded lines under 76 characters.
            while (e.length() > 72) {
                int cut = 72;
                while (cut > 0 && e.charAt(cut - 1) == '=' || cut > 1 && e.charAt(cut - 2) == '=') {
                    cut--;
                }
                out.append(e, 0, cut).append("=\r\n");
                e = e.substring(cut);
            }
            out.append(e).append("\r\n");
        }
        return out.toString();
    }
}
