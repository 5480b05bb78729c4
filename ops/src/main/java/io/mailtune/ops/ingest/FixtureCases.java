package io.mailtune.ops.ingest;

import java.util.List;

import static io.mailtune.ops.ingest.FixtureCheck.all;
import static io.mailtune.ops.ingest.FixtureCheck.drops;
import static io.mailtune.ops.ingest.FixtureCheck.endsWith;
import static io.mailtune.ops.ingest.FixtureCheck.equalsInput;
import static io.mailtune.ops.ingest.FixtureCheck.equalsText;
import static io.mailtune.ops.ingest.FixtureCheck.keeps;
import static io.mailtune.ops.ingest.FixtureCheck.keepsLineStarting;
import static io.mailtune.ops.ingest.FixtureCheck.keepsQuoted;
import static io.mailtune.ops.ingest.FixtureCheck.notTheCustomers;
import static io.mailtune.ops.ingest.FixtureCheck.nothingQuoted;
import static io.mailtune.ops.ingest.FixtureCheck.startsWith;

/**
 * The test cases of {@code github/email_reply_parser} (test/email_reply_parser_test.rb) and
 * {@code zapier/email-reply-parser} (test/test_email_reply_parser.py), one entry per test method, each of their
 * assertions restated as one {@link FixtureCheck}. Their parsers split a body into fragments (quoted, signature,
 * hidden); Mailtune returns one text, so "fragment n is hidden" becomes "its words are not in the text", "visible
 * and quoted" becomes "kept as quoted context, marked '> '", and a fragment count becomes what the split implies
 * for the text. Only short phrases of their fixtures appear here; the fixtures are read from a local copy.
 */
final class FixtureCases {

    /** Where a case's fixture text comes from. */
    sealed interface Source {
        /** A file under the suite's test/emails folder. */
        record File(String name) implements Source {
        }

        /** A text given inline in the test itself. */
        record Inline(String text) implements Source {
        }
    }

    /** What a case is about, for per-class figures. */
    enum ReplyClass {
        /** "On … wrote:" attributions: one line, several lines, no space before "wrote:". */
        ATTRIBUTION,
        /** Outlook header blocks and separator lines above the quoted message. */
        OUTLOOK_HEADERS,
        /** Signatures and list footers without a "-- " line, "-Name" sign-offs, and the "-- " delimiter. */
        SIGNATURE,
        /** "Sent from my iPhone" and other phone footers, and sentences that merely start like one. */
        PHONE_FOOTER,
        /** Bottom posts and inline answers: the quoted lines answered stay as context. */
        INLINE_ANSWERS,
        /** Text with nothing to remove, which must come back as written. */
        KEPT_AS_WRITTEN,
        /** Time limits and input left untouched. */
        ROBUSTNESS
    }

    /**
     * One test method of theirs.
     *
     * @param suite     "github" or "zapier"
     * @param test      their test method's name
     * @param source    the fixture
     * @param kind      what it is about
     * @param checks    its assertions, restated
     */
    record Case(String suite, String test, Source source, ReplyClass kind, List<FixtureCheck> checks) {
    }

    private static final String SIMPLE_BODY = """
            Hi folks

            What is the best way to clear a Riak bucket of all key, values after
            running a test?
            I am currently using the Java HTTP API.""";
    private static final String TOP_POST = "Oh thanks.\n\nHaving the function would be great.";
    private static final String GREEDY_ON_REPLY = """
            On your remote host you can run:

                 telnet 127.0.0.1 52698

            This should connect to TextMate (on your Mac, via the tunnel). If that
            fails, the tunnel is not working.""";

    private FixtureCases() {
    }

    /** The cases of github/email_reply_parser, in the order of its test file. */
    static List<Case> github() {
        String s = "github";
        return List.of(
                new Case(s, "test_encoding_should_be_maintained", file("email_1_1"), ReplyClass.KEPT_AS_WRITTEN, List.of(
                        FixtureCheck.of("refute_predicate fragments, :empty?", "the text is not empty", o -> !o.text().isBlank()),
                        FixtureCheck.of("assert_equal body.encoding, fragment.to_s.encoding",
                                "every line kept is a line of the fixture, character for character",
                                o -> o.text().lines().allMatch(l -> o.input().lines().anyMatch(in -> in.strip().equals(l.strip())))))),
                new Case(s, "test_reads_simple_body", file("email_1_1"), ReplyClass.SIGNATURE, List.of(
                        equalsText("assert_equal 3, reply.fragments.size", SIMPLE_BODY),
                        nothingQuoted("assert reply.fragments.none? { |f| f.quoted? }"),
                        all("assert_equal [false, true, true], signature?", drops("", "-Abhishek Kona"), drops("", "riak-users mailing list")),
                        all("assert_equal [false, true, true], hidden?", keeps("", "I am currently using the Java HTTP API."),
                                drops("", "-Abhishek Kona"), drops("", "listinfo")),
                        equalsText("assert_equal \"Hi folks\\n\\nWhat is … API.\\n\", fragments[0]", SIMPLE_BODY),
                        drops("assert_equal \"-Abhishek Kona\\n\\n\", fragments[1]", "-Abhishek Kona"))),
                new Case(s, "test_reads_top_post", file("email_1_3"), ReplyClass.SIGNATURE, List.of(
                        equalsText("assert_equal 5, reply.fragments.size", TOP_POST),
                        notTheCustomers("assert_equal [false, false, true, false, false], quoted?", "Russell Brown"),
                        all("assert_equal [false, true, true, true, true], hidden?", keeps("", "Having the function would be great."),
                                drops("", "-Abhishek Kona"), drops("", "Russell Brown"), drops("", "riak-users mailing list")),
                        all("assert_equal [false, true, false, false, true], signature?", drops("", "-Abhishek Kona"),
                                drops("", "riak-users mailing list")),
                        startsWith("assert_match(/^Oh thanks.\\n\\nHaving/, fragments[0])", "Oh thanks.\n\nHaving"),
                        drops("assert_match(/^-A/, fragments[1])", "-Abhishek"),
                        drops("assert_match(/^On [^\\:]+\\:/, fragments[2])", "Russell Brown wrote:"),
                        drops("assert_match(/^_/, fragments[4])", "_______"))),
                new Case(s, "test_reads_bottom_post", file("email_1_2"), ReplyClass.INLINE_ANSWERS, List.of(
                        all("assert_equal 6, reply.fragments.size", keeps("", "Hi,"), keepsQuoted("", "Hi folks"),
                                keeps("", "You can list the keys"), endsWith("", "delete them all individually.\"")),
                        all("assert_equal [false, true, false, true, false, false], quoted?", keepsQuoted("", "What is the best way"),
                                notTheCustomers("", "Abhishek Kona wrote")),
                        drops("assert_equal [false, false, false, false, false, true], signature?", "riak-users mailing list"),
                        all("assert_equal [false, false, false, true, true, true], hidden?", keeps("", "Hi,"),
                                keepsQuoted("", "I am currently using the Java HTTP API."), keeps("", "need to delete them all individually"),
                                drops("", "-Abhishek Kona"), drops("", "riak-users mailing list")),
                        startsWith("assert_equal \"Hi,\", fragments[0]", "Hi,"),
                        notTheCustomers("assert_match(/^On [^\\:]+\\:/, fragments[1])", "Abhishek Kona wrote:"),
                        keepsLineStarting("assert_match(/^You can list/, fragments[2])", "You can list"),
                        drops("assert_match(/^> /, fragments[3])", "-Abhishek Kona"),
                        drops("assert_match(/^_/, fragments[5])", "_______"))),
                new Case(s, "test_reads_inline_replies", file("email_1_8"), ReplyClass.INLINE_ANSWERS, List.of(
                        all("assert_equal 7, reply.fragments.size", keepsQuoted("", "here's some stuff I can write"),
                                keeps("", "I will reply under this one"), keepsQuoted("", "okay?"), endsWith("", "and under this.")),
                        all("assert_equal [true, false, true, false, true, false, false], quoted?", keepsQuoted("", "okay?"),
                                keepsQuoted("", "reply under this line"), keeps("", "I will reply under this one")),
                        drops("assert_equal [false, false, false, false, false, false, true], signature?", "Hey there, this is my signature"),
                        all("assert_equal [false, false, false, false, true, true, true], hidden?", keepsQuoted("", "okay?"),
                                drops("", "-- Tim"), drops("", "hi there"), drops("", "Hey there, this is my signature")),
                        notTheCustomers("assert_match(/^On [^\\:]+\\:/, fragments[0])", "On Tue, Apr 29, 2014 at 4:22 PM"),
                        keepsLineStarting("assert_match(/^I will reply/, fragments[1])", "I will reply"),
                        keepsQuoted("assert_match \"okay?\", fragments[2]", "okay?"),
                        keepsLineStarting("assert_match(/^and under this./, fragments[3])", "and under this."),
                        drops("assert_match(/inline/, fragments[4])", "inline responses"),
                        endsWith("assert_equal \"\\n\", fragments[5]", "and under this."),
                        drops("assert_equal \"--\\nHey there, this is my signature\\n\", fragments[6]", "Hey there, this is my signature"))),
                new Case(s, "test_recognizes_date_string_above_quote", file("email_1_4"), ReplyClass.ATTRIBUTION, List.of(
                        startsWith("assert_match(/^Awesome/, fragments[0])", "Awesome"),
                        drops("assert_match(/^On/, fragments[1])", "defunkt"),
                        drops("assert_match(/Loader/, fragments[1])", "Loader seems to be working well"))),
                new Case(s, "test_a_complex_body_with_only_one_fragment", file("email_1_5"), ReplyClass.KEPT_AS_WRITTEN, List.of(
                        equalsInput("assert_equal 1, reply.fragments.size"))),
                new Case(s, "test_reads_email_with_correct_signature", file("correct_sig"), ReplyClass.SIGNATURE, List.of(
                        equalsText("assert_equal 2, reply.fragments.size", "this is an email with a correct -- signature."),
                        nothingQuoted("assert_equal [false, false], quoted?"),
                        drops("assert_equal [false, true], signature?", "rick"),
                        all("assert_equal [false, true], hidden?", keeps("", "with a correct -- signature."), drops("", "rick")),
                        drops("assert_match(/^-- \\nrick/, fragments[1])", "rick"))),
                new Case(s, "test_deals_with_multiline_reply_headers", file("email_1_6"), ReplyClass.ATTRIBUTION, List.of(
                        startsWith("assert_match(/^I get/, fragments[0])", "I get"),
                        drops("assert_match(/^On/, fragments[1])", "Corey Donohoe"),
                        drops("assert_match(/Was this/, fragments[1])", "Was this caching related"))),
                new Case(s, "test_deals_with_windows_line_endings", file("email_1_7"), ReplyClass.ATTRIBUTION, List.of(
                        keeps("assert_match(/:\\+1:/, fragments[0])", ":+1:"),
                        drops("assert_match(/^On/, fragments[1])", "Chris Wanstrath"),
                        drops("assert_match(/Steps 0-2/, fragments[1])", "Steps 0-2"))),
                new Case(s, "test_handles_non_ascii_characters", new Source.Inline("Here’s a test."), ReplyClass.KEPT_AS_WRITTEN, List.of(
                        equalsText("assert_equal non_ascii_body, parse_reply(non_ascii_body)", "Here’s a test."))),
                new Case(s, "test_does_not_modify_input_string", new Source.Inline("The Quick Brown Fox Jumps Over The Lazy Dog"),
                        ReplyClass.ROBUSTNESS, List.of(
                        FixtureCheck.of("assert_equal \"The Quick Brown Fox…\", original", "the raw bytes are unchanged by normalise()",
                                FixtureCheck.Outcome::unchanged))),
                new Case(s, "test_returns_only_the_visible_fragments_as_a_string", file("email_2_1"), ReplyClass.OUTLOOK_HEADERS, List.of(
                        drops("assert_equal visible fragments joined, reply.visible_text", "Google Apps Sync"))),
                new Case(s, "test_parse_out_just_top_for_outlook_reply", file("email_2_1"), ReplyClass.OUTLOOK_HEADERS, List.of(
                        equalsText("assert_equal \"Outlook with a reply\", parse_reply(body)", "Outlook with a reply"))),
                new Case(s, "test_parse_out_just_top_for_outlook_with_reply_directly_above_line", file("email_2_2"),
                        ReplyClass.OUTLOOK_HEADERS, List.of(
                        equalsText("assert_equal \"Outlook with a reply directly above line\", parse_reply(body)",
                                "Outlook with a reply directly above line"))),
                new Case(s, "test_parse_out_just_top_for_outlook_with_no_line", file("email_2_3"), ReplyClass.OUTLOOK_HEADERS, List.of(
                        equalsText("assert_equal \"Outlook with a reply directly above line\", parse_reply(body)",
                                "Outlook with a reply directly above line"))),
                new Case(s, "test_parse_out_sent_from_iPhone", file("email_iPhone"), ReplyClass.PHONE_FOOTER, List.of(
                        equalsText("assert_equal \"Here is another email\", parse_reply(body)", "Here is another email"))),
                new Case(s, "test_parse_out_sent_from_BlackBerry", file("email_BlackBerry"), ReplyClass.PHONE_FOOTER, List.of(
                        equalsText("assert_equal \"Here is another email\", parse_reply(body)", "Here is another email"))),
                new Case(s, "test_parse_out_send_from_multiword_mobile_device", file("email_multi_word_sent_from_my_mobile_device"),
                        ReplyClass.PHONE_FOOTER, List.of(
                        equalsText("assert_equal \"Here is another email\", parse_reply(body)", "Here is another email"))),
                new Case(s, "test_do_not_parse_out_send_from_in_regular_sentence", file("email_sent_from_my_not_signature"),
                        ReplyClass.PHONE_FOOTER, List.of(
                        equalsText("assert_equal \"Here is another email\\n\\nSent from my desk, …\", parse_reply(body)",
                                "Here is another email\n\nSent from my desk, is much easier then my mobile phone."))),
                new Case(s, "test_retains_bullets", file("email_bullets"), ReplyClass.SIGNATURE, List.of(
                        equalsText("assert_equal \"test 2 this should list second…   - and another\", parse_reply(body)",
                                "test 2 this should list second\n\nand have spaces\n\nand retain this formatting\n\n\n   - how about bullets\n   - and another"))),
                new Case(s, "test_parse_reply", file("email_1_2"), ReplyClass.INLINE_ANSWERS, List.of(
                        all("assert_equal read(body).visible_text, parse_reply(body)", startsWith("", "Hi,"),
                                endsWith("", "delete them all individually.\""), drops("", "riak-users mailing list")))),
                new Case(s, "test_one_is_not_on", file("email_one_is_not_on"), ReplyClass.ATTRIBUTION, List.of(
                        keeps("assert_match(/One outstanding question/, fragments[0])", "One outstanding question"),
                        drops("assert_match(/^On Oct 1, 2012/, fragments[1])", "Dave Tapley"))),
                new Case(s, "test_mulitple_on", file("greedy_on"), ReplyClass.ATTRIBUTION, List.of(
                        startsWith("assert_match(/^On your remote host/, fragments[0])", "On your remote host"),
                        drops("assert_match(/^On 9 Jan 2014/, fragments[1])", "George Plymale"),
                        drops("assert_equal [false, true, false], quoted?", "odd issue"),
                        keeps("assert_equal [false, false, false], signature?", "the tunnel is not working."),
                        equalsText("assert_equal [false, true, true], hidden?", GREEDY_ON_REPLY))),
                new Case(s, "test_pathological_emails", file("pathological"), ReplyClass.ROBUSTNESS, List.of(
                        FixtureCheck.of("assert (Time.now - t0) < 1", "normalise() takes under a second", o -> o.millis() < 1000))),
                new Case(s, "test_doesnt_remove_signature_delimiter_in_mid_line", file("email_sig_delimiter_in_middle_of_line"),
                        ReplyClass.KEPT_AS_WRITTEN, List.of(
                        equalsInput("assert_equal 1, reply.fragments.size"))),
                new Case(s, "test_long_quote_processing_completes", file("email_long_quote"), ReplyClass.ROBUSTNESS, List.of(
                        FixtureCheck.of("Timeout.timeout(1) { email(:email_long_quote) }", "normalise() takes under a second", o -> o.millis() < 1000),
                        all("assert_equal 5, reply.fragments.size", keeps("", "Hi folks"), keeps("", "I am currently using the Java HTTP API."),
                                drops("", "-Abhishek Kona"), drops("", "riak-users mailing list")))));
    }

    /** The cases of zapier/email-reply-parser, in the order of its test file. */
    static List<Case> zapier() {
        String s = "zapier";
        return List.of(
                new Case(s, "test_simple_body", file("email_1_1"), ReplyClass.SIGNATURE, List.of(
                        equalsText("assertEqual(3, len(message.fragments))", SIMPLE_BODY),
                        all("assertEqual([False, True, True], signature)", drops("", "-Abhishek Kona"), drops("", "riak-users mailing list")),
                        all("assertEqual([False, True, True], hidden)", keeps("", "folks"), drops("", "-Abhishek Kona"), drops("", "listinfo")),
                        keeps("assertTrue(\"folks\" in fragments[0].content)", "folks"),
                        drops("assertTrue(\"riak-users\" in fragments[2].content)", "riak-users"))),
                new Case(s, "test_reads_bottom_message", file("email_1_2"), ReplyClass.INLINE_ANSWERS, List.of(
                        all("assertEqual(6, len(message.fragments))", keeps("", "Hi,"), keepsQuoted("", "Hi folks"),
                                keeps("", "You can list the keys"), endsWith("", "delete them all individually.\"")),
                        all("assertEqual([False, True, False, True, False, False], quoted)", keepsQuoted("", "What is the best way"),
                                notTheCustomers("", "Abhishek Kona wrote")),
                        drops("assertEqual([False, False, False, False, False, True], signature)", "riak-users mailing list"),
                        all("assertEqual([False, False, False, True, True, True], hidden)", keeps("", "Hi,"),
                                keepsQuoted("", "I am currently using the Java HTTP API."), drops("", "-Abhishek Kona"),
                                drops("", "riak-users mailing list")),
                        keeps("assertTrue(\"Hi,\" in fragments[0].content)", "Hi,"),
                        notTheCustomers("assertTrue(\"On\" in fragments[1].content)", "Abhishek Kona wrote:"),
                        drops("assertTrue(\">\" in fragments[3].content)", "-Abhishek Kona"),
                        drops("assertTrue(\"riak-users\" in fragments[5].content)", "riak-users"))),
                new Case(s, "test_reads_inline_replies", file("email_1_8"), ReplyClass.INLINE_ANSWERS, List.of(
                        all("assertEqual(7, len(message.fragments))", keepsQuoted("", "here's some stuff I can write"),
                                keeps("", "I will reply under this one"), keepsQuoted("", "okay?"), endsWith("", "and under this.")),
                        all("assertEqual([True, False, True, False, True, False, False], quoted)", keepsQuoted("", "okay?"),
                                keepsQuoted("", "reply under this line"), keeps("", "I will reply under this one")),
                        drops("assertEqual([False, False, False, False, False, False, True], signature)", "Hey there, this is my signature"),
                        all("assertEqual([False, False, False, False, True, True, True], hidden)", keepsQuoted("", "okay?"),
                                drops("", "-- Tim"), drops("", "hi there"), drops("", "Hey there, this is my signature")))),
                new Case(s, "test_reads_top_post", file("email_1_3"), ReplyClass.SIGNATURE, List.of(
                        equalsText("assertEqual(5, len(message.fragments))", TOP_POST))),
                new Case(s, "test_multiline_reply_headers", file("email_1_6"), ReplyClass.ATTRIBUTION, List.of(
                        keeps("assertTrue('I get' in fragments[0].content)", "I get"),
                        drops("assertTrue('On' in fragments[1].content)", "Corey Donohoe"))),
                new Case(s, "test_captures_date_string", file("email_1_4"), ReplyClass.ATTRIBUTION, List.of(
                        keeps("assertTrue('Awesome' in fragments[0].content)", "Awesome"),
                        drops("assertTrue('On' in fragments[1].content)", "defunkt"),
                        drops("assertTrue('Loader' in fragments[1].content)", "Loader seems to be working well"))),
                new Case(s, "test_complex_body_with_one_fragment", file("email_1_5"), ReplyClass.KEPT_AS_WRITTEN, List.of(
                        equalsInput("assertEqual(1, len(message.fragments))"))),
                new Case(s, "test_verify_reads_signature_correct", file("correct_sig"), ReplyClass.SIGNATURE, List.of(
                        equalsText("assertEqual(2, len(message.fragments))", "this is an email with a correct -- signature."),
                        nothingQuoted("assertEqual([False, False], quoted)"),
                        drops("assertEqual([False, True], signature)", "rick"),
                        all("assertEqual([False, True], hidden)", keeps("", "with a correct -- signature."), drops("", "rick")),
                        drops("assertTrue('--' in fragments[1].content)", "rick"))),
                new Case(s, "test_deals_with_windows_line_endings", file("email_1_7"), ReplyClass.ATTRIBUTION, List.of(
                        keeps("assertTrue(':+1:' in fragments[0].content)", ":+1:"),
                        drops("assertTrue('On' in fragments[1].content)", "Chris Wanstrath"),
                        drops("assertTrue('Steps 0-2' in fragments[1].content)", "Steps 0-2"))),
                new Case(s, "test_reply_is_parsed", file("email_1_2"), ReplyClass.INLINE_ANSWERS, List.of(
                        keeps("assertTrue(\"You can list the keys for the bucket\" in message.reply)", "You can list the keys for the bucket"))),
                new Case(s, "test_reply_from_gmail", file("email_gmail"), ReplyClass.ATTRIBUTION, List.of(
                        equalsText("assertEqual('This is a test for inbox replying to a github message.', parse_reply)",
                                "This is a test for inbox replying to a github message."))),
                new Case(s, "test_parse_out_just_top_for_outlook_reply", file("email_2_1"), ReplyClass.OUTLOOK_HEADERS, List.of(
                        equalsText("assertEqual(\"Outlook with a reply\", parse_reply)", "Outlook with a reply"))),
                new Case(s, "test_parse_out_just_top_for_outlook_with_reply_directly_above_line", file("email_2_2"),
                        ReplyClass.OUTLOOK_HEADERS, List.of(
                        equalsText("assertEqual(\"Outlook with a reply directly above line\", parse_reply)",
                                "Outlook with a reply directly above line"))),
                new Case(s, "test_parse_out_just_top_for_outlook_with_unusual_headers_format", file("email_2_3"),
                        ReplyClass.OUTLOOK_HEADERS, List.of(
                        equalsText("assertEqual(\"Outlook with a reply above headers using unusual format\", parse_reply)",
                                "Outlook with a reply above headers using unusual format"))),
                new Case(s, "test_sent_from_iphone", file("email_iPhone"), ReplyClass.PHONE_FOOTER, List.of(
                        drops("assertTrue(\"Sent from my iPhone\" not in parse_reply)", "Sent from my iPhone"))),
                new Case(s, "test_email_one_is_not_on", file("email_one_is_not_on"), ReplyClass.ATTRIBUTION, List.of(
                        drops("assertTrue(\"On Oct 1, 2012, at 11:55 PM, Dave Tapley wrote:\" not in parse_reply)",
                                "On Oct 1, 2012, at 11:55 PM, Dave Tapley wrote:"))),
                new Case(s, "test_partial_quote_header", file("email_partial_quote_header"), ReplyClass.ATTRIBUTION, List.of(
                        keeps("assertTrue(\"On your remote host you can run:\" in message.reply)", "On your remote host you can run:"),
                        keeps("assertTrue(\"telnet 127.0.0.1 52698\" in message.reply)", "telnet 127.0.0.1 52698"),
                        keeps("assertTrue(\"This should connect to TextMate\" in message.reply)", "This should connect to TextMate"))),
                new Case(s, "test_email_headers_no_delimiter", file("email_headers_no_delimiter"), ReplyClass.OUTLOOK_HEADERS, List.of(
                        equalsText("assertEqual(message.reply.strip(), 'And another reply!')", "And another reply!"))),
                new Case(s, "test_multiple_on", file("greedy_on"), ReplyClass.ATTRIBUTION, List.of(
                        startsWith("assertTrue(re.match('^On your remote host', fragments[0].content))", "On your remote host"),
                        drops("assertTrue(re.match('^On 9 Jan 2014', fragments[1].content))", "George Plymale"),
                        drops("assertEqual([False, True, False], quoted)", "odd issue"),
                        keeps("assertEqual([False, False, False], signature)", "the tunnel is not working."),
                        equalsText("assertEqual([False, True, True], hidden)", GREEDY_ON_REPLY))),
                new Case(s, "test_pathological_emails", file("pathological"), ReplyClass.ROBUSTNESS, List.of(
                        FixtureCheck.of("assertTrue(time.time() - t0 < 1)", "normalise() takes under a second", o -> o.millis() < 1000))),
                new Case(s, "test_doesnt_remove_signature_delimiter_in_mid_line", file("email_sig_delimiter_in_middle_of_line"),
                        ReplyClass.KEPT_AS_WRITTEN, List.of(
                        equalsInput("assertEqual(1, len(message.fragments))"))));
    }

    private static Source file(String name) {
        return new Source.File(name + ".txt");
    }
}
