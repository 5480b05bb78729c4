package io.mailtune.ingest.reply;

import java.util.List;

/**
 * The words mail clients write above quoted and forwarded history, per language: the attribution of a reply
 * ("On … wrote:"), the labels of an Outlook-style header block, the original-message and forwarded-message lines, and
 * forward prefixes of subjects. Each entry comes from the formats of Gmail, Outlook, Apple Mail and Thunderbird in
 * that language (see ReplyLanguagesTest: one real format per language). Matching is case-insensitive.
 */
final class ReplyLanguages {

    /**
     * One language's words.
     *
     * @param name              the language
     * @param openers           words an attribution starts with ("On", "Am", "Le" …)
     * @param verbsLast         verbs that end an attribution, right before its colon ("wrote", "a écrit" …)
     * @param verbsBeforeSender verbs followed by the sender and then the colon ("schrieb Ann &lt;a@b&gt;:")
     * @param from              header-block labels of the sender
     * @param sent              header-block labels of the date
     * @param to                header-block labels of the recipients
     * @param cc                header-block labels of copies
     * @param subject           header-block labels of the subject
     * @param originalMessage   what "-----Original Message-----" lines say between their dashes
     * @param forwardedMessage  what "---------- Forwarded message ---------" lines say between their dashes
     * @param forwardIntros     whole lines that introduce a forwarded message ("Begin forwarded message:")
     * @param forwardPrefixes   subject prefixes of a forward ("Fwd", "WG" …), without the colon
     */
    record Language(String name, List<String> openers, List<String> verbsLast, List<String> verbsBeforeSender, List<String> from,
                    List<String> sent, List<String> to, List<String> cc, List<String> subject, List<String> originalMessage,
                    List<String> forwardedMessage, List<String> forwardIntros, List<String> forwardPrefixes) {
    }

    static final List<Language> ALL = List.of(
            new Language("English",
                    List.of("On"), List.of("wrote", "has written", "sent"), List.of(),
                    List.of("From"), List.of("Sent", "Date"), List.of("To"), List.of("Cc", "Bcc"), List.of("Subject"),
                    List.of("Original Message", "Original", "Reply Message", "Original message"),
                    List.of("Forwarded message", "Forwarded Message", "Forwarded"),
                    List.of("Begin forwarded message"), List.of("Fwd", "Fw")),
            new Language("German",
                    List.of("Am"), List.of("schrieb", "geschrieben", "hat geschrieben"), List.of("schrieb"),
                    List.of("Von"), List.of("Gesendet", "Datum", "Gesendet am"), List.of("An"), List.of("Cc", "Kopie", "Bcc"),
                    List.of("Betreff"),
                    List.of("Ursprüngliche Nachricht", "Originalnachricht", "Original-Nachricht", "Antwort Nachricht"),
                    List.of("Weitergeleitete Nachricht", "Weitergeleitete Mitteilung"),
                    List.of("Anfang der weitergeleiteten Nachricht", "Anfang der weitergeleiteten E-Mail"), List.of("WG", "Wg", "Fwd")),
            new Language("French",
                    List.of("Le"), List.of("a écrit", "écrit"), List.of(),
                    List.of("De", "Expéditeur"), List.of("Envoyé", "Date", "Envoyé le"), List.of("À", "A", "Destinataire"),
                    List.of("Cc", "Copie à", "Cci"), List.of("Objet", "Sujet"),
                    List.of("Message d'origine", "Message original", "Message d’origine"),
                    List.of("Message transféré", "Message transfere"),
                    List.of("Début du message réexpédié", "Début du message transféré", "Message transféré"), List.of("TR", "Tr", "Fwd")),
            new Language("Spanish",
                    List.of("El"), List.of("escribió"), List.of(),
                    List.of("De", "Remitente"), List.of("Enviado", "Fecha", "Enviado el"), List.of("Para", "Destinatario"),
                    List.of("CC", "Cc", "CCO"), List.of("Asunto"),
                    List.of("Mensaje original"), List.of("Mensaje reenviado"),
                    List.of("Inicio del mensaje reenviado", "Comienzo del mensaje reenviado"), List.of("RV", "Rv", "Reenviar")),
            new Language("Portuguese",
                    List.of("Em", "No dia", "A"), List.of("escreveu"), List.of(),
                    List.of("De"), List.of("Enviado", "Enviada em", "Data", "Enviado em"), List.of("Para"), List.of("Cc", "CC"),
                    List.of("Assunto"),
                    List.of("Mensagem original", "Mensagem Original"), List.of("Mensagem encaminhada", "Mensagem reencaminhada"),
                    List.of("Início da mensagem reencaminhada", "Início da mensagem encaminhada", "Mensagem encaminhada"),
                    List.of("ENC", "Enc", "Fwd")),
            new Language("Italian",
                    List.of("Il", "Il giorno", "In data"), List.of("ha scritto", "scrisse"), List.of(),
                    List.of("Da"), List.of("Inviato", "Data", "Inviato il"), List.of("A"), List.of("Cc", "Ccn"), List.of("Oggetto"),
                    List.of("Messaggio originale"), List.of("Messaggio inoltrato"),
                    List.of("Inizio messaggio inoltrato", "Messaggio inoltrato"), List.of("I", "Inoltro", "Fwd")),
            new Language("Dutch",
                    List.of("Op"), List.of("schreef", "het volgende geschreven", "geschreven"), List.of("schreef"),
                    List.of("Van"), List.of("Verzonden", "Datum", "Verstuurd"), List.of("Aan"), List.of("CC", "Cc", "BCC"),
                    List.of("Onderwerp"),
                    List.of("Oorspronkelijk bericht", "Origineel bericht", "Oorspronkelijke bericht"),
                    List.of("Doorgestuurd bericht", "Doorgestuurde bericht"),
                    List.of("Begin doorgestuurd bericht", "Begin van het doorgestuurde bericht"), List.of("Doorst", "FW")),
            new Language("Polish",
                    List.of("W dniu", "Dnia", "Wiadomość napisana przez"), List.of("napisał", "napisała", "napisał(a)", "pisze", "napisał/a"),
                    List.of(),
                    List.of("Od", "Nadawca"), List.of("Wysłano", "Wysłane", "Data"), List.of("Do", "Adresat"), List.of("DW", "Kopia", "UDW"),
                    List.of("Temat"),
                    List.of("Wiadomość oryginalna", "Oryginalna wiadomość", "Oryginalna wiadomosc"),
                    List.of("Przekazana wiadomość", "Wiadomość przekazana dalej", "Wiadomość przekazana"),
                    List.of("Początek przekazywanej wiadomości", "Przekazana wiadomość"), List.of("PD", "Pd", "Fwd")),
            new Language("Swedish",
                    List.of("Den"), List.of("skrev"), List.of("skrev"),
                    List.of("Från", "Avsändare"), List.of("Skickat", "Datum", "Skickades"), List.of("Till", "Mottagare"),
                    List.of("Kopia", "Cc"), List.of("Ämne"),
                    List.of("Ursprungligt meddelande", "Originalmeddelande"), List.of("Vidarebefordrat meddelande"),
                    List.of("Vidarebefordrat brev", "Början av vidarebefordrat meddelande"), List.of("VB", "Vb", "Fwd")),
            new Language("Danish",
                    List.of("Den"), List.of("skrev"), List.of("skrev"),
                    List.of("Fra", "Afsender"), List.of("Sendt", "Dato"), List.of("Til", "Modtager"), List.of("Cc", "Kopi", "Bcc"),
                    List.of("Emne"),
                    List.of("Oprindelig meddelelse", "Oprindelig besked", "Original meddelelse"),
                    List.of("Videresendt meddelelse", "Videresendt besked"),
                    List.of("Videresendt meddelelse", "Start på videresendt besked"), List.of("VS", "Vs", "Fwd")),
            new Language("Norwegian",
                    List.of("Den", "På"), List.of("skrev"), List.of("skrev"),
                    List.of("Fra", "Avsender"), List.of("Sendt", "Dato"), List.of("Til", "Mottaker"), List.of("Kopi", "Cc"),
                    List.of("Emne"),
                    List.of("Opprinnelig melding", "Original melding"), List.of("Videresendt melding", "Videresendt e-post"),
                    List.of("Videresendt melding", "Start på videresendt melding"), List.of("VS", "Vs", "Fwd")),
            new Language("Finnish",
                    List.of(), List.of("kirjoitti"), List.of(),
                    List.of("Lähettäjä"), List.of("Lähetetty", "Päivämäärä", "Päiväys"), List.of("Vastaanottaja"),
                    List.of("Kopio"), List.of("Aihe"),
                    List.of("Alkuperäinen viesti"), List.of("Välitetty viesti", "Edelleenlähetetty viesti"),
                    List.of("Välitetty viesti alkaa", "Välitetty viesti"), List.of("VL", "Vl", "Fwd")),
            new Language("Russian",
                    List.of(), List.of("написал", "написала", "написал(а)", "пишет", "писал(а)"), List.of(),
                    List.of("От", "Отправитель"), List.of("Отправлено", "Дата", "Отправлен"), List.of("Кому"), List.of("Копия"),
                    List.of("Тема"),
                    List.of("Исходное сообщение", "Оригинальное сообщение"),
                    List.of("Пересылаемое сообщение", "Пересланное сообщение"),
                    List.of("Начало переадресованного сообщения", "Пересылаемое сообщение"), List.of("Пересл", "Fwd")),
            new Language("Japanese",
                    List.of(), List.of("のメール", "さんは書きました", "書きました", "wrote"), List.of(),
                    List.of("差出人", "送信者"), List.of("送信日時", "日付", "送信日"), List.of("宛先"), List.of("CC", "Cc"),
                    List.of("件名"),
                    List.of("元のメッセージ", "Original Message"), List.of("転送されたメッセージ", "Forwarded message"),
                    List.of("転送されたメッセージ", "転送メッセージ"), List.of("転送", "Fw", "Fwd")),
            new Language("Chinese",
                    List.of("在"), List.of("写道", "寫道", "wrote"), List.of(),
                    List.of("发件人", "寄件者", "发信人", "寄件人"), List.of("发送时间", "日期", "寄件日期", "时间", "發送時間"),
                    List.of("收件人", "收件者"), List.of("抄送", "副本"), List.of("主题", "主旨", "主題"),
                    List.of("原始邮件", "原始郵件", "邮件原件"), List.of("转发的邮件", "已转发邮件", "轉寄的郵件", "转发邮件"),
                    List.of("以下为转发的邮件", "转发的邮件"), List.of("转发", "轉寄", "Fwd")),
            // Further languages our users write in, beyond the fifteen above.
            new Language("Czech",
                    List.of("Dne"), List.of("napsal", "napsala", "napsal(a)"), List.of(),
                    List.of("Od"), List.of("Odesláno", "Datum"), List.of("Komu"), List.of("Kopie"), List.of("Předmět"),
                    List.of("Původní zpráva", "Původní e-mail"), List.of("Přeposlaná zpráva"), List.of("Začátek přeposlané zprávy"),
                    List.of("Fwd")),
            new Language("Vietnamese",
                    List.of("Vào"), List.of("đã viết"), List.of(),
                    List.of("Từ"), List.of("Đã gửi", "Ngày"), List.of("Đến", "Tới"), List.of("Cc"), List.of("Chủ đề"),
                    List.of("Thư gốc"), List.of("Thư đã chuyển tiếp"), List.of("Bắt đầu thư được chuyển tiếp"), List.of("Fwd")),
            new Language("Turkish",
                    List.of(), List.of("yazdı"), List.of(),
                    List.of("Kimden"), List.of("Gönderildi", "Tarih"), List.of("Kime"), List.of("Bilgi"), List.of("Konu"),
                    List.of("Orijinal mesaj", "Özgün ileti"), List.of("İletilen ileti"), List.of("İletilen ileti başlangıcı"),
                    List.of("İLT", "Fwd")));

    private ReplyLanguages() {
    }
}
