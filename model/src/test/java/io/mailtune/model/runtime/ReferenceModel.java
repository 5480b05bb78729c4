package io.mailtune.model.runtime;

import io.mailtune.model.checkpoint.HostTensor;
import io.mailtune.model.config.ModelConfig;
import io.mailtune.model.lora.LoraAdapter;
import io.mailtune.model.lora.LoraPair;
import io.mailtune.model.lora.LoraTarget;
import java.util.Map;

/**
 * An independent forward pass in plain Java float64, written from the HF Llama/Qwen2 definitions (no DJL, no
 * KV cache, no fusion): the whole sequence is recomputed with a causal mask, and LoRA is applied unmerged.
 */
final class ReferenceModel {

    private final ModelConfig c;
    private final Map<String, HostTensor> w;
    private final LoraAdapter adapter;
    private final double[] inverseFrequencies;

    ReferenceModel(ModelConfig config, Map<String, HostTensor> weights, LoraAdapter adapter) {
        this.c = config;
        this.w = weights;
        this.adapter = adapter;
        int d = config.headDim();
        double[] inv = new double[d / 2];
        for (int i = 0; i < d / 2; i++) {
            inv[i] = Math.pow(config.ropeTheta(), -2.0 * i / d);
        }
        this.inverseFrequencies = config.ropeScaling().apply(inv);
    }

    /** Logits [position][vocab] for every position of the sequence. */
    double[][] logits(int[] tokens) {
        int n = tokens.length;
        int h = c.hiddenSize();
        double[][] x = new double[n][];
        for (int t = 0; t < n; t++) {
            x[t] = row(w.get("model.embed_tokens.weight"), tokens[t]);
        }
        for (int l = 0; l < c.layers(); l++) {
            String p = "model.layers." + l + ".";
            double[][] q = new double[n][];
            double[][] k = new double[n][];
            double[][] v = new double[n][];
            double[][] normed = new double[n][];
            for (int t = 0; t < n; t++) {
                normed[t] = rmsNorm(x[t], w.get(p + "input_layernorm.weight"));
                q[t] = project(normed[t], p + "self_attn.q_proj", l, LoraTarget.Q);
                k[t] = project(normed[t], p + "self_attn.k_proj", l, LoraTarget.K);
                v[t] = project(normed[t], p + "self_attn.v_proj", l, LoraTarget.V);
                rope(q[t], c.heads(), t);
                rope(k[t], c.kvHeads(), t);
            }
            int d = c.headDim();
            int group = c.heads() / c.kvHeads();
            for (int t = 0; t < n; t++) {
                double[] attn = new double[c.queryWidth()];
                for (int head = 0; head < c.heads(); head++) {
                    int kvHead = head / group;
                    double[] scores = new double[t + 1];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int s = 0; s <= t; s++) {
                        double dot = 0;
                        for (int i = 0; i < d; i++) {
                            dot += q[t][head * d + i] * k[s][kvHead * d + i];
                        }
                        scores[s] = dot / Math.sqrt(d);
                        max = Math.max(max, scores[s]);
                    }
                    double sum = 0;
                    for (int s = 0; s <= t; s++) {
                        scores[s] = Math.exp(scores[s] - max);
                        sum += scores[s];
                    }
                    for (int s = 0; s <= t; s++) {
                        for (int i = 0; i < d; i++) {
                            attn[head * d + i] += scores[s] / sum * v[s][kvHead * d + i];
                        }
                    }
                }
                double[] o = project(attn, p + "self_attn.o_proj", l, LoraTarget.O);
                for (int i = 0; i < h; i++) {
                    x[t][i] += o[i];
                }
                double[] m = rmsNorm(x[t], w.get(p + "post_attention_layernorm.weight"));
                double[] gate = project(m, p + "mlp.gate_proj", l, LoraTarget.GATE);
                double[] up = project(m, p + "mlp.up_proj", l, LoraTarget.UP);
                double[] act = new double[gate.length];
                for (int i = 0; i < act.length; i++) {
                    act[i] = gate[i] / (1 + Math.exp(-gate[i])) * up[i];
                }
                double[] down = project(act, p + "mlp.down_proj", l, LoraTarget.DOWN);
                for (int i = 0; i < h; i++) {
                    x[t][i] += down[i];
                }
            }
        }
        HostTensor head = c.tiedEmbeddings() ? w.get("model.embed_tokens.weight") : w.get("lm_head.weight");
        double[][] out = new double[n][];
        for (int t = 0; t < n; t++) {
            out[t] = matVec(head, rmsNorm(x[t], w.get("model.norm.weight")));
        }
        return out;
    }

    private double[] project(double[] x, String module, int layer, LoraTarget target) {
        double[] y = matVec(w.get(module + ".weight"), x);
        HostTensor bias = w.get(module + ".bias");
        if (bias != null) {
            for (int i = 0; i < y.length; i++) {
                y[i] += bias.data()[i];
            }
        }
        LoraPair pair = adapter == null ? null : adapter.layer(layer).get(target);
        if (pair != null) {
            double[] ax = matVec(pair.a(), x);
            double[] bax = matVec(pair.b(), ax);
            double scale = adapter.scale(layer, target);
            for (int i = 0; i < y.length; i++) {
                y[i] += scale * (bax[i] + (pair.bias() == null ? 0 : pair.bias().data()[i]));
            }
        }
        return y;
    }

    // HF's rotate_half convention: dimension i pairs with i + d/2.
    private void rope(double[] x, int heads, int position) {
        int d = c.headDim();
        int half = d / 2;
        for (int head = 0; head < heads; head++) {
            int base = head * d;
            for (int i = 0; i < half; i++) {
                double angle = position * inverseFrequencies[i];
                double cos = Math.cos(angle);
                double sin = Math.sin(angle);
                double a = x[base + i];
                double b = x[base + i + half];
                x[base + i] = a * cos - b * sin;
                x[base + i + half] = b * cos + a * sin;
            }
        }
    }

    private double[] rmsNorm(double[] x, HostTensor weight) {
        double sum = 0;
        for (double v : x) {
            sum += v * v;
        }
        double inv = 1 / Math.sqrt(sum / x.length + c.rmsNormEps());
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * inv * weight.data()[i];
        }
        return out;
    }

    private static double[] matVec(HostTensor m, double[] x) {
        int rows = m.shape()[0];
        int cols = m.shape()[1];
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int i = 0; i < cols; i++) {
                s += m.data()[r * cols + i] * x[i];
            }
            out[r] = s;
        }
        return out;
    }

    private static double[] row(HostTensor m, int index) {
        int cols = m.shape()[1];
        double[] out = new double[cols];
        for (int i = 0; i < cols; i++) {
            out[i] = m.data()[index * cols + i];
        }
        return out;
    }
}
