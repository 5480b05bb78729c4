package io.mailtune.model.tokenizer.jinja;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jinjava.javax.el.CompositeELResolver;

/**
 * Renders HuggingFace chat templates with Jinjava configured to behave as {@code transformers}' own Jinja
 * environment: {@code trim_blocks} and {@code lstrip_blocks}, Python's operator precedence and string escapes,
 * Python {@code str} methods, HF's {@code tojson}, {@code raise_exception} and {@code strftime_now}, the
 * {@code generation} block, line ends of the template read as \n and its last one dropped (Jinja's
 * {@code keep_trailing_newline=False}), nothing re-rendered from values. What it
 * cannot render as Python Jinja would is reported as an error naming the construct, never rendered differently.
 */
public final class JinjaRenderer {

    private static final Object FUNCTION = new Object() {
        @Override
        public String toString() {
            return "<function>";
        }
    };

    private final Jinjava jinjava;

    private JinjaRenderer(Jinjava jinjava) {
        this.jinjava = jinjava;
    }

    /** A renderer whose {@code strftime_now} reads {@code clock} (its zone is the local time zone). */
    public static JinjaRenderer create(Clock clock) {
        LegacyOverrides python = LegacyOverrides.newBuilder()
                .withUseNaturalOperatorPrecedence(true)
                .withParseWhitespaceControlStrictly(true)
                .withAllowAdjacentTextNodes(true)
                .withUseTrimmingForNotesAndExpressions(true)
                .withKeepNullableLoopValues(true)
                .withHandleBackslashInQuotesOnly(true)
                .withEvaluateMapKeys(true)
                .withIterateOverMapKeys(true)
                .withUsePyishObjectMapper(true)
                .withWhitespaceRequiredWithinTokens(false)
                .build();
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new PythonStringMethods());
        resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
        PythonOutput output = new PythonOutput();
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withTrimBlocks(true)
                .withLstripBlocks(true)
                .withKeepTrailingNewline(true)
                .withNestedInterpretationEnabled(false)
                .withFailOnUnknownTokens(false)
                .withLegacyOverrides(python)
                .withElResolver(resolver)
                .withExecutionMode(output)
                .withDateTimeProvider(clock::millis)
                .withTimeZone(clock.getZone())
                .build();
        Jinjava jinjava = new Jinjava(config);
        jinjava.registerFilter(new PythonJson());
        jinjava.registerFilter(new PythonTrimFilter());
        jinjava.registerTag(new GenerationTag());
        try {
            jinjava.registerFunction(new ELFunctionDefinition("", "raise_exception",
                    HfGlobals.class.getMethod("raiseException", Object.class)));
            jinjava.registerFunction(new ELFunctionDefinition("", "strftime_now",
                    HfGlobals.class.getMethod("strftimeNow", String.class)));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
        return new JinjaRenderer(jinjava);
    }

    /**
     * The constructs of {@code template} this renderer cannot run as Python Jinja would, each with its line;
     * empty when there are none.
     */
    public List<String> unsupportedConstructs(String template) {
        var context = jinjava.getGlobalContext();
        return TemplateScan.problems(template, name -> context.getFilter(name) != null,
                name -> context.getExpTest(name) != null).stream().map(TemplateScan.Problem::toString).toList();
    }

    /**
     * Renders {@code template} with {@code variables} (plus HF's globals). Fails with {@link TemplateException}
     * when the template calls {@code raise_exception} or uses what Jinjava cannot evaluate.
     */
    public String render(String template, Map<String, Object> variables) {
        Map<String, Object> context = new HashMap<>(variables);
        // The functions are resolved by name; these entries make `strftime_now is defined` true, as in HF.
        context.putIfAbsent("raise_exception", FUNCTION);
        context.putIfAbsent("strftime_now", FUNCTION);
        RenderResult result = jinjava.renderForResult(pythonSource(template), context);
        if (!result.getErrors().isEmpty()) {
            throw failure(result.getErrors());
        }
        return result.getOutput();
    }

    // Jinja's lexer reads \r\n and \r as \n and, without keep_trailing_newline, drops one final newline of the
    // source (Jinjava's option drops it from the output instead).
    private static String pythonSource(String template) {
        String source = template.replace("\r\n", "\n").replace('\r', '\n');
        return source.endsWith("\n") ? source.substring(0, source.length() - 1) : source;
    }

    private static TemplateException failure(List<TemplateError> errors) {
        for (TemplateError e : errors) {
            Throwable cause = e.getException();
            while (cause != null && !(cause instanceof HfGlobals.TemplateRaisedException)) {
                cause = cause.getCause();
            }
            if (cause != null) {
                return new TemplateException(true, cause.getMessage(), e.getLineno());
            }
        }
        TemplateError first = errors.getFirst();
        return new TemplateException(false, first.getMessage(), first.getLineno());
    }

    /**
     * A template that could not be rendered.
     */
    public static final class TemplateException extends RuntimeException {

        private final boolean raised;
        private final int line;

        TemplateException(boolean raised, String message, int line) {
            super(message);
            this.raised = raised;
            this.line = line;
        }

        /** Whether the template itself refused the input through {@code raise_exception}. */
        public boolean raised() {
            return raised;
        }

        /** The template line, or a value below 1 when unknown. */
        public int line() {
            return line;
        }
    }
}
