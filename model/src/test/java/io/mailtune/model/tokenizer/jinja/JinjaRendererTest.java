package io.mailtune.model.tokenizer.jinja;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The renderer against Python Jinja as transformers configures it: every expected string here is what
 * {@code transformers.utils.chat_template_utils._compile_jinja_template(t).render(...)} printed (transformers 5.18,
 * jinja2 3.1.6) for the same template and messages.
 */
class JinjaRendererTest {

    private static final ZoneId ZONE = ZoneId.systemDefault();
    private final JinjaRenderer renderer = JinjaRenderer.create(
            Clock.fixed(LocalDateTime.of(2025, 3, 7, 9, 5).atZone(ZONE).toInstant(), ZONE));

    private String render(String template) {
        List<Map<String, Object>> messages = List.of(message("system", "S"), message("user", "{{ 7*7 }} {% raw %}"),
                message("assistant", "A"), message("user", "U"));
        return renderer.render(template, Map.of("messages", messages, "add_generation_prompt", true));
    }

    private static Map<String, Object> message(String role, String content) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", role);
        m.put("content", content);
        return m;
    }

    @Test
    void stringMethodsBehaveAsPythonsStr() {
        assertEquals("a b|a|x\n|ab", render("{{ '  a b \u00a0'.strip() }}|{{ 'xxaxx'.strip('x') }}|"
                + "{{ '\n\nx\n'.lstrip('\n') }}|{{ 'ab  '.rstrip() }}"));
        assertEquals("['a', 'b', '']|['a', 'b']|['a', 'b.c']|['a b', 'c']|z", render("{{ 'a,b,'.split(',') }}|"
                + "{{ ' a  b '.split() }}|{{ 'a.b.c'.split('.', 1) }}|{{ 'a b c'.rsplit(None, 1) }}|"
                + "{{ 'x</think>y</think>z'.split('</think>')[-1] }}"));
        assertEquals("True|True|Hello World|Hello|a-aXa|a-b|1|2", render("{{ 'tool_response'.startswith('tool') }}|"
                + "{{ 'abc'.endswith(('x', 'c')) }}|{{ 'hello wORLD'.title() }}|{{ 'hELLO'.capitalize() }}|"
                + "{{ 'aXaXa'.replace('X', '-', 1) }}|{{ '-'.join(['a', 'b']) }}|{{ 'abcb'.find('b') }}|"
                + "{{ 'abcb'.count('b') }}"));
    }

    @Test
    void namespacesAndLoopVariablesWork() {
        assertEquals("3", render("{% set ns = namespace(last_user=-1) %}{% for m in messages %}"
                + "{% if m.role == 'user' %}{% set ns.last_user = loop.index0 %}{% endif %}{% endfor %}"
                + "{{ ns.last_user }}"));
        assertEquals("system,user,assistant,user",
                render("{% for m in messages %}{{ m.role }}{{ '' if loop.last else ',' }}{% endfor %}"));
    }

    @Test
    void trimStripsUnicodeSpacesAsPythonDoes() {
        assertEquals("[hi]", render("[{{ ' \u2003hi\u00a0\n' | trim }}]"));
    }

    @Test
    void tojsonWritesWhatPythonsJsonDumpsWrites() {
        assertEquals("{\"name\": \"f\", \"arguments\": {\"a\": [1, 2.5, true], \"b\": \"x\\\"y\u00e9\\n\"}}|"
                        + "[null, 1e+20, 0.0001, 12345678.0, 1e+16, 1.5e-05]",
                render("{% set args = {'a': [1, 2.5, true], 'b': 'x\"y\u00e9\\n'} %}"
                        + "{{ {'name': 'f', 'arguments': args} | tojson }}|"
                        + "{{ [none, 1e20, 0.0001, 12345678.0, 1e16, 1.5e-5] | tojson }}"));
        assertEquals("{\n    \"a\": 1,\n    \"b\": [\n        1,\n        2\n    ]\n}",
                render("{{ {'a': 1, 'b': [1, 2]} | tojson(indent=4) }}"));
        assertEquals("{\"a\":2,\"b\":1}",
                render("{{ {'b': 1, 'a': 2} | tojson(sort_keys=true, separators=[',', ':']) }}"));
    }

    @Test
    void booleansPrintAsPythonPrintsThem() {
        assertEquals("True True True", render("{{ true }} {{ messages | length > 1 }} {{ 'x' in 'xyz' }}"));
    }

    @Test
    void strftimeNowFormatsTheClocksLocalTimeAsPython() {
        assertEquals("07 Mar 2025|2025-03-07 09:05|Friday 07 March 2025|True", render(
                "{{ strftime_now('%d %b %Y') }}|{{ strftime_now('%Y-%m-%d %H:%M') }}|"
                        + "{{ strftime_now('%A %d %B %Y') }}|{{ strftime_now is defined }}"));
    }

    @Test
    void raiseExceptionFailsWithTheTemplatesOwnMessage() {
        var e = assertThrows(JinjaRenderer.TemplateException.class, () -> render(
                "{% if messages[0].role == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}ok"));
        assertTrue(e.raised());
        assertEquals("System role not supported", e.getMessage());
    }

    @Test
    void valuesAreNeverRenderedAsTemplates() {
        assertEquals("{{ 7*7 }} {% raw %}", render("{{ messages[1].content }}"));
    }

    @Test
    void theTemplatesLastNewlineIsDroppedAsJinjaDropsIt() {
        assertEquals("line\n  x\n", render("line\n{% if true %}\n  x\n{% endif %}\n"));
        assertEquals("a\nb", render("a\r\nb\r\n"));
    }

    @Test
    void generationBlocksRenderTheirBody() {
        assertEquals("<A>", render("{% generation %}<{{ messages[2].content }}>{% endgeneration %}"));
    }

    @Test
    void constructsJinjavaWouldRenderDifferentlyAreReportedWithTheirLine() {
        assertEquals(List.of("a loop filter ('for ... in ... if ...') (line 2)"),
                renderer.unsupportedConstructs("x\n{% for m in messages if m.role != 'system' %}{% endfor %}"));
        assertEquals(List.of("an else block inside a for loop ('for ... else') (line 1)"),
                renderer.unsupportedConstructs("{% for m in messages %}{{ m }}{% else %}none{% endfor %}"));
        assertEquals(List.of("a slice with a step ('[a:b:step]', e.g. messages[::-1]) (line 1)"),
                renderer.unsupportedConstructs("{%- for m in messages[::-1] %}{% endfor %}"));
        assertEquals(List.of("the filter 'nosuchfilter' (line 1)", "the test 'is nosuchtest' (line 1)"),
                renderer.unsupportedConstructs("{{ x | nosuchfilter }}{{ x is nosuchtest }}"));
        assertEquals(List.of("a recursive loop ('for ... recursive') (line 1)"),
                renderer.unsupportedConstructs("{% for m in messages recursive %}{% endfor %}"));
    }

    @Test
    void ordinaryConstructsAndTextInStringsAreNotReported() {
        assertTrue(renderer.unsupportedConstructs("{% for m in messages %}{% if loop.first %}{% else %}"
                + "{{ m.content | trim | tojson }}{% endif %}{% endfor %}{{ 'a | b is c [::-1] for x in y if z' }}"
                + "{% for x in (a if b else c) %}{% endfor %}{{ x is not none and x is defined }}").isEmpty());
    }

    @Test
    void whatJinjavaCannotEvaluateFailsNamingIt() {
        var e = assertThrows(JinjaRenderer.TemplateException.class,
                () -> render("{% for m in messages %}{{ loop.previtem }}{% endfor %}"));
        assertFalse(e.raised());
        assertTrue(e.getMessage().contains("previtem"), e.getMessage());
        var tag = assertThrows(JinjaRenderer.TemplateException.class,
                () -> render("{% filter upper %}x{% endfilter %}"));
        assertTrue(tag.getMessage().contains("filter"), tag.getMessage());
    }
}
