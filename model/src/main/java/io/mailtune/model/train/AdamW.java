package io.mailtune.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW (Loshchilov and Hutter) on NDArrays, updating parameters in place outside autograd. Weight decay is decoupled
 * and applies to matrices only, not to one-dimensional norm weights. Moments live as long as the optimizer; the
 * per-step factors are NDArrays too, never Java scalars, to stay clear of DJL's temporary-scalar pitfall.
 */
final class AdamW implements AutoCloseable {

    private final NDManager manager;
    private final Map<String, NDArray> params;
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;

    AdamW(NDManager parent, Map<String, NDArray> params, double beta1, double beta2, double epsilon, double weightDecay) {
        this.manager = parent.newSubManager();
        this.params = params;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        params.forEach((name, p) -> {
            m.put(name, manager.zeros(p.getShape()));
            v.put(name, manager.zeros(p.getShape()));
        });
    }

    /** First moments by parameter name (for checkpoints). */
    Map<String, NDArray> firstMoments() {
        return m;
    }

    /** Second moments by parameter name (for checkpoints). */
    Map<String, NDArray> secondMoments() {
        return v;
    }

    /**
     * One update with gradients {@code grads} multiplied by {@code gradScale} (clipping and averaging), at learning
     * rate {@code lr}; {@code t} is the 1-based step for bias correction.
     */
    void update(NDManager step, Map<String, NDArray> grads, double gradScale, double lr, int t) {
        NDArray b1 = constant(step, beta1);
        NDArray oneMinusB1 = constant(step, (1 - beta1) * gradScale);
        NDArray b2 = constant(step, beta2);
        NDArray oneMinusB2 = constant(step, (1 - beta2) * gradScale * gradScale);
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        NDArray stepSize = constant(step, lr / c1);
        NDArray invSqrtC2 = constant(step, 1 / Math.sqrt(c2));
        NDArray eps = constant(step, epsilon);
        NDArray decay = constant(step, 1 - lr * weightDecay);
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            String name = e.getKey();
            NDArray p = e.getValue();
            NDArray g = grads.get(name);
            NDArray mt = m.get(name);
            NDArray vt = v.get(name);
            try (NDManager scope = step.newSubManager()) {
                mt.muli(b1).addi(in(scope, g.mul(oneMinusB1)));
                vt.muli(b2).addi(in(scope, in(scope, g.square()).mul(oneMinusB2)));
                NDArray denom = in(scope, in(scope, in(scope, vt.sqrt()).mul(invSqrtC2)).add(eps));
                if (weightDecay > 0 && p.getShape().dimension() > 1) {
                    p.muli(decay);
                }
                p.subi(in(scope, in(scope, mt.div(denom)).mul(stepSize)));
            }
        }
    }

    // Results of an operation belong to its first operand's manager; this moves them to a short-lived one.
    private static NDArray in(NDManager scope, NDArray a) {
        a.attach(scope);
        return a;
    }

    private static NDArray constant(NDManager step, double value) {
        return step.create(new float[] {(float) value}, new Shape(1));
    }

    @Override
    public void close() {
        manager.close();
    }
}
