package io.alertline.processor.outcome;

import tools.jackson.databind.json.JsonMapper;

/** The outcome document's JSON form on the outcome topic and in the API. */
public class OutcomeCodec {

    private final JsonMapper mapper;

    public OutcomeCodec(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public byte[] encode(OutcomeDocument doc) {
        return mapper.writeValueAsBytes(doc);
    }

    public OutcomeDocument decode(byte[] bytes) {
        return mapper.readValue(bytes, OutcomeDocument.class);
    }
}
