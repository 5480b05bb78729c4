/** all-MiniLM-L6-v2 on ONNX Runtime, from the model file bundled in LangChain4j's embeddings jar (offline). */
package io.mailtune.retrieval.encode.minilm;
