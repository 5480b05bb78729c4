package io.mailtune.ingest.reply;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One test per language: replies as Gmail, Outlook, Apple Mail and Thunderbird write them in that language, with
 * the history below unquoted (as HTML mail turned into text arrives) or quoted with "&gt;". The customer's words are
 * all that remains.
 */
class ReplyLanguagesTest {

    private static final String HISTORY = "\nThe earlier message.\nWith a second line.\n";
    private static final String QUOTED = "\n> The earlier message.\n> With a second line.\n";

    private static void assertWords(String expected, String body) {
        assertEquals(expected, ReplyText.read(body, "Re: Order 1234", null).text(), body);
    }

    @Test
    void english() {
        assertWords("Thanks, it works now.", "Thanks, it works now.\n\nOn Tue, Mar 3, 2020 at 10:00 AM Ann Lee <ann@example.com> wrote:\n" + QUOTED);
        // Gmail wraps a long attribution before "wrote:"; some clients leave no space before it.
        assertWords("Thanks, it works now.", "Thanks, it works now.\n\nOn Tue, Mar 3, 2020 at 10:00 AM Ann Lee <\nann@example.com> wrote:\n" + HISTORY);
        assertWords("Thanks, it works now.", "Thanks, it works now.\n\nOn Tue, Mar 3, 2020 at 10:00 AM, Ann Lee\n<ann@example.com>wrote:\n" + QUOTED);
        // Apple Mail, Thunderbird, Outlook.
        assertWords("Thanks, it works now.", "Thanks, it works now.\n\nOn 3 Mar 2020, at 10:00, Ann Lee <ann@example.com> wrote:\n" + QUOTED);
        assertWords("Thanks, it works now.", "Thanks, it works now.\n\nOn 03/03/2020 10:00, Ann Lee wrote:\n" + QUOTED);
        assertWords("Thanks, it works now.", "Thanks, it works now.\n\n________________________________\nFrom: Ann Lee <ann@example.com>\n"
                + "Sent: Tuesday, March 3, 2020 10:00 AM\nTo: Support <support@acme.test>\nSubject: Order 1234\n" + HISTORY);
        assertWords("Thanks, it works now.", "Thanks, it works now.\n\n-----Original Message-----\nFrom: Ann Lee\nSent: Tuesday, March 3, 2020 10:00\n" + HISTORY);
        assertWords("Thanks, it works now.", "Thanks, it works now.\n\n-----Reply Message-----\n" + HISTORY);
        // Wrapped in dashes (Zoho), glued to the last sentence, date-only (older Gmail).
        assertWords("Thanks, it works now.", "Thanks, it works now.\n\n---- On Wed, 24 Feb 2021 14:02:50 +0530 ann@example.com wrote ----\n" + HISTORY);
        assertWords("Thanks, it works now.", "Thanks, it works now.On Tue, Mar 3, 2020 at 10:00 AM Ann Lee <ann@example.com> wrote:\n" + QUOTED);
        assertWords("Thanks, it works now.", "Thanks, it works now.\n\n2014-10-17 11:28 GMT+03:00 Ann Lee <ann@example.com>:\n" + HISTORY);
        // Android's dashed attribution, one on the reply's line after a space, older Gmail's date and address above a
        // quote, and an attribution wrapped before a long address over three lines.
        assertWords("Thanks, it works now.", "Thanks, it works now.\n\n---- Ann Lee wrote ----\n" + HISTORY);
        assertWords("Thanks, it works now.", "Thanks, it works now. On Wed, Apr 4, 2012 at 3:59 PM, ann@example.com wrote:\n" + QUOTED);
        assertWords("Thanks, it works now.", "Thanks, it works now.\n2011/4/7 Ann Lee <ann@example.com>\n" + QUOTED);
        assertWords("Thanks, it works now.", "Thanks, it works now.\n\nOn Nov 30, 2011, at 12:47 PM, Ann Lee <\n"
                + "416ffd3258d4d2fa4c85cfa4c44e1721d66e3e8f4@mail.example.com>\nwrote:\n" + HISTORY);
    }

    @Test
    void german() {
        assertWords("Danke, es geht wieder.", "Danke, es geht wieder.\n\nAm Di., 3. März 2020 um 10:00 Uhr schrieb Ann Lee <ann@example.com>:\n" + QUOTED);
        assertWords("Danke, es geht wieder.", "Danke, es geht wieder.\n\nAm 03.03.2020 um 10:00 schrieb Ann Lee <ann@example.com>:\n" + HISTORY);
        assertWords("Danke, es geht wieder.", "Danke, es geht wieder.\n\nAm 03.03.20 um 10:00 schrieb Ann Lee:\n" + QUOTED);
        assertWords("Danke, es geht wieder.", "Danke, es geht wieder.\n\nVon: Ann Lee <ann@example.com>\nGesendet: Dienstag, 3. März 2020 10:00\n"
                + "An: Support <support@acme.test>\nBetreff: AW: Bestellung 1234\n" + HISTORY);
        assertWords("Danke, es geht wieder.", "Danke, es geht wieder.\n\n-----Ursprüngliche Nachricht-----\nVon: Ann Lee\n" + HISTORY);
    }

    @Test
    void french() {
        assertWords("Merci, c'est réglé.", "Merci, c'est réglé.\n\nLe mar. 3 mars 2020 à 10:00, Ann Lee <ann@example.com> a écrit :\n" + QUOTED);
        // Gmail wraps "a écrit :" onto its own line.
        assertWords("Merci, c'est réglé.", "Merci, c'est réglé.\n\nLe lun. 15 nov. 2021 à 19:42, Ann Lee <ann@example.com>\na écrit :\n" + HISTORY);
        assertWords("Merci, c'est réglé.", "Merci, c'est réglé.\n\nLe 03/03/2020 à 10:00, Ann Lee a écrit :\n" + QUOTED);
        assertWords("Merci, c'est réglé.", "Merci, c'est réglé.\n\nDe : Ann Lee <ann@example.com>\nEnvoyé : mardi 3 mars 2020 10:00\n"
                + "À : Support <support@acme.test>\nObjet : RE: Commande 1234\n" + HISTORY);
        assertWords("Merci, c'est réglé.", "Merci, c'est réglé.\n\n-------- Message d'origine --------\nDe : Ann Lee <ann@example.com>\n"
                + "Date : 23/06/24  10:46  (GMT+01:00)\nÀ : support@acme.test Objet : Commande\n" + HISTORY);
    }

    @Test
    void spanish() {
        assertWords("Gracias, ya funciona.", "Gracias, ya funciona.\n\nEl mar., 3 mar. 2020 a las 10:00, Ann Lee (<ann@example.com>) escribió:\n" + QUOTED);
        assertWords("Gracias, ya funciona.", "Gracias, ya funciona.\n\nEl 3 mar 2020, a las 10:00, Ann Lee <ann@example.com> escribió:\n" + HISTORY);
        assertWords("Gracias, ya funciona.", "Gracias, ya funciona.\n\nDe: Ann Lee <ann@example.com>\nEnviado: martes, 3 de marzo de 2020 10:00\n"
                + "Para: Soporte <support@acme.test>\nAsunto: RE: Pedido 1234\n" + HISTORY);
        assertWords("Gracias, ya funciona.", "Gracias, ya funciona.\n\n-----Mensaje original-----\nDe: Ann Lee\n" + HISTORY);
    }

    @Test
    void portuguese() {
        assertWords("Obrigado, já funciona.", "Obrigado, já funciona.\n\nEm ter., 3 de mar. de 2020 às 10:00, Ann Lee <ann@example.com> escreveu:\n" + QUOTED);
        assertWords("Obrigado, já funciona.", "Obrigado, já funciona.\n\nEm 10 de julho de 2017 às 16:32:35, Ann Lee (\nann@example.com) escreveu:\n" + HISTORY);
        assertWords("Obrigado, já funciona.", "Obrigado, já funciona.\n\nDe: Ann Lee <ann@example.com>\nEnviada em: terça-feira, 3 de março de 2020 10:00\n"
                + "Para: Suporte <support@acme.test>\nAssunto: RES: Pedido 1234\n" + HISTORY);
        assertWords("Obrigado, já funciona.", "Obrigado, já funciona.\n\n-----Mensagem original-----\nDe: Ann Lee\n" + HISTORY);
    }

    @Test
    void italian() {
        assertWords("Grazie, ora funziona.", "Grazie, ora funziona.\n\nIl giorno mar 3 mar 2020 alle ore 10:00 Ann Lee <ann@example.com> ha scritto:\n" + QUOTED);
        assertWords("Grazie, ora funziona.", "Grazie, ora funziona.\n\nIn data 11 ottobre 2017 21:11:31 \"Ann Lee\" <ann@example.com> ha scritto:\n" + HISTORY);
        assertWords("Grazie, ora funziona.", "Grazie, ora funziona.\n\nIl 03/03/20 10:00, Ann Lee ha scritto:\n" + QUOTED);
        assertWords("Grazie, ora funziona.", "Grazie, ora funziona.\n\nDa: Ann Lee <ann@example.com>\nInviato: martedì 3 marzo 2020 10:00\n"
                + "A: Assistenza <support@acme.test>\nOggetto: R: Ordine 1234\n" + HISTORY);
        assertWords("Grazie, ora funziona.", "Grazie, ora funziona.\n\n-----Messaggio originale-----\nDa: Ann Lee\n" + HISTORY);
    }

    @Test
    void dutch() {
        assertWords("Bedankt, het werkt weer.", "Bedankt, het werkt weer.\n\nOp di 3 mrt. 2020 om 10:00 schreef Ann Lee <ann@example.com>:\n" + QUOTED);
        assertWords("Bedankt, het werkt weer.", "Bedankt, het werkt weer.\n\nOp 3 mrt. 2020 om 10:00 heeft Ann Lee <ann@example.com> het volgende geschreven:\n" + HISTORY);
        assertWords("Bedankt, het werkt weer.", "Bedankt, het werkt weer.\n\nOp 03-03-2020 om 10:00 schreef Ann Lee:\n" + QUOTED);
        assertWords("Bedankt, het werkt weer.", "Bedankt, het werkt weer.\n\nVan: Ann Lee <ann@example.com>\nVerzonden: dinsdag 3 maart 2020 10:00\n"
                + "Aan: Support <support@acme.test>\nOnderwerp: RE: Bestelling 1234\n" + HISTORY);
        assertWords("Bedankt, het werkt weer.", "Bedankt, het werkt weer.\n\n-----Oorspronkelijk bericht-----\nVan: Ann Lee\n" + HISTORY);
    }

    @Test
    void polish() {
        assertWords("Dziękuję, już działa.", "Dziękuję, już działa.\n\nwt., 3 mar 2020 o 10:00 Ann Lee <ann@example.com> napisał(a):\n" + QUOTED);
        assertWords("Dziękuję, już działa.", "Dziękuję, już działa.\n\nW dniu 3.03.2020 o 10:00, Ann Lee pisze:\n" + QUOTED);
        assertWords("Dziękuję, już działa.", "Dziękuję, już działa.\n\nWiadomość napisana przez Ann Lee <ann@example.com> w dniu 03.03.2020, o godz. 10:00:\n" + HISTORY);
        assertWords("Dziękuję, już działa.", "Dziękuję, już działa.\n\nOd: Ann Lee <ann@example.com>\nWysłano: wtorek, 3 marca 2020 10:00\n"
                + "Do: Pomoc <support@acme.test>\nTemat: RE: Zamówienie 1234\n" + HISTORY);
        assertWords("Dziękuję, już działa.", "Dziękuję, już działa.\n\n-----Wiadomość oryginalna-----\nOd: Ann Lee\n" + HISTORY);
    }

    @Test
    void swedish() {
        assertWords("Tack, nu fungerar det.", "Tack, nu fungerar det.\n\nDen tis 3 mars 2020 kl 10:00 skrev Ann Lee <ann@example.com>:\n" + QUOTED);
        assertWords("Tack, nu fungerar det.", "Tack, nu fungerar det.\n\n3 mars 2020 kl. 10:00 skrev Ann Lee <ann@example.com>:\n" + HISTORY);
        assertWords("Tack, nu fungerar det.", "Tack, nu fungerar det.\n\nFrån: Ann Lee <ann@example.com>\nSkickat: den 3 mars 2020 10:00\n"
                + "Till: Support <support@acme.test>\nÄmne: SV: Order 1234\n" + HISTORY);
        assertWords("Tack, nu fungerar det.", "Tack, nu fungerar det.\n\n-----Ursprungligt meddelande-----\nFrån: Ann Lee\n" + HISTORY);
    }

    @Test
    void danish() {
        assertWords("Tak, nu virker det.", "Tak, nu virker det.\n\nDen tir. 3. mar. 2020 kl. 10.00 skrev Ann Lee <ann@example.com>:\n" + QUOTED);
        assertWords("Tak, nu virker det.", "Tak, nu virker det.\n\nDen 03-03-2020 kl. 10:00 skrev Ann Lee:\n" + QUOTED);
        assertWords("Tak, nu virker det.", "Tak, nu virker det.\n\nFra: Ann Lee <ann@example.com>\nSendt: 3. marts 2020 10:00\n"
                + "Til: Support <support@acme.test>\nEmne: SV: Ordre 1234\n" + HISTORY);
        assertWords("Tak, nu virker det.", "Tak, nu virker det.\n\n-------- Oprindelig besked --------\nFra: A B C <abc@abc.org>\n"
                + "Dato: 04.07.2024  17.45  (GMT+01:00)\nTil: support@acme.test\nEmne: Ordre\n" + HISTORY);
    }

    @Test
    void norwegian() {
        assertWords("Takk, nå virker det.", "Takk, nå virker det.\n\ntir. 18. apr. 2017 kl. 13:09 skrev Ann Lee <ann@example.com\n>:\n" + QUOTED);
        assertWords("Takk, nå virker det.", "Takk, nå virker det.\n\nDen 03.03.2020 10:00, skrev Ann Lee:\n" + QUOTED);
        assertWords("Takk, nå virker det.", "Takk, nå virker det.\n\nFra: Ann Lee <ann@example.com>\nSendt: tirsdag 3. mars 2020 10:00\n"
                + "Til: Kundeservice <support@acme.test>\nEmne: SV: Ordre 1234\n" + HISTORY);
        assertWords("Takk, nå virker det.", "Takk, nå virker det.\n\n-----Opprinnelig melding-----\nFra: Ann Lee\n" + HISTORY);
    }

    @Test
    void finnish() {
        assertWords("Kiitos, nyt toimii.", "Kiitos, nyt toimii.\n\npe 20. lokakuuta 2017 klo 17.50 Ann Lee\n<ann@example.com> kirjoitti:\n" + HISTORY);
        assertWords("Kiitos, nyt toimii.", "Kiitos, nyt toimii.\n\nAnn Lee <ann@example.com> kirjoitti 3.3.2020 kello 10.00:\n" + QUOTED);
        assertWords("Kiitos, nyt toimii.", "Kiitos, nyt toimii.\n\nAnn Lee kirjoitti 3.3.2020 klo 10.00:\n" + QUOTED);
        assertWords("Kiitos, nyt toimii.", "Kiitos, nyt toimii.\n\nLähettäjä: Ann Lee <ann@example.com>\nLähetetty: tiistai 3. maaliskuuta 2020 10.00\n"
                + "Vastaanottaja: Tuki <support@acme.test>\nAihe: VS: Tilaus 1234\n" + HISTORY);
    }

    @Test
    void russian() {
        assertWords("Спасибо, всё работает.", "Спасибо, всё работает.\n\nср, 30 апр. 2025 г. в 15:19, Ann Lee <ann@example.com>:\n" + HISTORY);
        assertWords("Спасибо, всё работает.", "Спасибо, всё работает.\n\n3 марта 2020 г., в 10:00, Ann Lee <ann@example.com> написал(а):\n" + QUOTED);
        assertWords("Спасибо, всё работает.", "Спасибо, всё работает.\n\n03.03.2020 10:00, Ann Lee пишет:\n" + QUOTED);
        // Outlook's header block starts with "От:", not "From:".
        assertWords("Спасибо, всё работает.", "Спасибо, всё работает.\n\nОт: Ann Lee <ann@example.com>\nОтправлено: 3 марта 2020 г. 10:00\n"
                + "Кому: Поддержка <support@acme.test>\nТема: RE: Заказ 1234\n" + HISTORY);
        assertWords("Спасибо, всё работает.", "Спасибо, всё работает.\n\n-----Исходное сообщение-----\nОт: Ann Lee\n" + HISTORY);
    }

    @Test
    void japanese() {
        assertWords("ありがとうございます。解決しました。", "ありがとうございます。解決しました。\n\n2020年3月3日(火) 10:00 Ann Lee <ann@example.com>:\n" + QUOTED);
        assertWords("ありがとうございます。解決しました。", "ありがとうございます。解決しました。\n\n2020/03/03 10:00、Ann Lee <ann@example.com>のメール:\n" + HISTORY);
        assertWords("ありがとうございます。解決しました。", "ありがとうございます。解決しました。\n\n差出人: Ann Lee <ann@example.com>\n送信日時: 2020年3月3日 10:00\n"
                + "宛先: サポート <support@acme.test>\n件名: RE: 注文 1234\n" + HISTORY);
    }

    @Test
    void chinese() {
        assertWords("谢谢，已经好了。", "谢谢，已经好了。\n\nAnn Lee <ann@example.com> 于2020年3月3日周二 上午10:00写道：\n" + QUOTED);
        assertWords("谢谢，已经好了。", "谢谢，已经好了。\n\n在 2020/3/3 10:00, Ann Lee 写道:\n" + QUOTED);
        assertWords("谢谢，已经好了。", "谢谢，已经好了。\n\n发件人: Ann Lee <ann@example.com>\n发送时间: 2020年3月3日 10:00\n"
                + "收件人: 客服 <support@acme.test>\n主题: 回复: 订单 1234\n" + HISTORY);
        assertWords("谢谢，已经好了。", "谢谢，已经好了。\n\n------------------ 原始邮件 ------------------\n发件人: \"Ann Lee\"<ann@example.com>;\n"
                + "发送时间: 2020年3月3日(星期二) 上午10:00\n收件人: \"客服\"<support@acme.test>;\n主题: 订单 1234\n" + HISTORY);
    }

    @Test
    void czechAndVietnamese() {
        assertWords("Děkuji, už to funguje.", "Děkuji, už to funguje.\n\nDne út 3. 3. 2020 v 10:00 Ann Lee <ann@example.com> napsal:\n" + QUOTED);
        assertWords("Cảm ơn, đã ổn rồi.", "Cảm ơn, đã ổn rồi.\n\nVào Th 3, 3 thg 3, 2020 vào lúc 10:00 Ann Lee <ann@example.com> đã viết:\n" + QUOTED);
    }
}
