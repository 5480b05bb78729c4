package io.mailtune.model.tokenizer.jinja;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.expression.ExpressionStrategy;
import com.hubspot.jinjava.mode.ExecutionMode;
import com.hubspot.jinjava.tree.output.RenderedOutputNode;
import com.hubspot.jinjava.tree.parse.ExpressionToken;

/**
 * Prints {@code {{ ... }}} values as Python does where Jinjava differs: booleans as {@code True}/{@code False}.
 * Never re-renders a value as a template (customer text may contain {@code {{}}).
 */
final class PythonOutput implements ExpressionStrategy, ExecutionMode {

    @Override
    public RenderedOutputNode interpretOutput(ExpressionToken master, JinjavaInterpreter interpreter) {
        Object value = interpreter.resolveELExpression(master.getExpr(), master.getLineNumber());
        String text = value instanceof Boolean b ? (b ? "True" : "False") : interpreter.getAsString(value);
        return new RenderedOutputNode(text);
    }

    @Override
    public void prepareContext(Context context) {
        context.setExpressionStrategy(this);
    }
}
