package io.mailtune.model.config;

/** How rotary position frequencies are rescaled ({@code rope_scaling} in config.json). */
public sealed interface RopeScaling {

    /** Rescales the base inverse frequencies {@code theta^(-2i/d)}; returns a new array. */
    double[] apply(double[] inverseFrequencies);

    /** No rescaling. */
    record None() implements RopeScaling {
        @Override
        public double[] apply(double[] inverseFrequencies) {
            return inverseFrequencies.clone();
        }
    }

    /** Position interpolation: every frequency divided by {@code factor}. */
    record Linear(double factor) implements RopeScaling {
        /** Validates the factor. */
        public Linear {
            if (!(factor > 0)) {
                throw new IllegalArgumentException("rope_scaling factor must be > 0, was " + factor);
            }
        }

        @Override
        public double[] apply(double[] inverseFrequencies) {
            double[] out = new double[inverseFrequencies.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = inverseFrequencies[i] / factor;
            }
            return out;
        }
    }

    /** Llama 3.1's wavelength-dependent scaling (HF {@code rope_type: llama3}). */
    record Llama3(double factor, double lowFreqFactor, double highFreqFactor, int originalMaxPositions)
            implements RopeScaling {
        /** Validates the factors. */
        public Llama3 {
            if (!(factor > 0) || !(lowFreqFactor > 0) || !(highFreqFactor > lowFreqFactor)) {
                throw new IllegalArgumentException("llama3 rope_scaling needs factor > 0 and high_freq_factor > "
                        + "low_freq_factor > 0, was " + factor + ", " + lowFreqFactor + ", " + highFreqFactor);
            }
            if (originalMaxPositions <= 0) {
                throw new IllegalArgumentException(
                        "original_max_position_embeddings must be > 0, was " + originalMaxPositions);
            }
        }

        @Override
        public double[] apply(double[] inverseFrequencies) {
            double lowFreqWavelength = originalMaxPositions / lowFreqFactor;
            double highFreqWavelength = originalMaxPositions / highFreqFactor;
            double[] out = new double[inverseFrequencies.length];
            for (int i = 0; i < out.length; i++) {
                double f = inverseFrequencies[i];
                double wavelength = 2 * Math.PI / f;
                if (wavelength < highFreqWavelength) {
                    out[i] = f;
                } else if (wavelength > lowFreqWavelength) {
                    out[i] = f / factor;
                } else {
                    double smooth = (originalMaxPositions / wavelength - lowFreqFactor)
                            / (highFreqFactor - lowFreqFactor);
                    out[i] = (1 - smooth) * f / factor + smooth * f;
                }
            }
            return out;
        }
    }
}
