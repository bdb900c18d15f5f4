package dev.plateau.runs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Names and formats shared by the recorder and the store. */
final class RunFiles {
    static final String SAMPLES = "samples.csv";
    static final String EVENTS = "events.csv";
    static final String META = "run.json";
    static final DateTimeFormatter DIR_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneId.systemDefault());
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunFiles() {
    }
}
