package io.grizz.worker.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.worker.support.ProducerScript;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The examples of docs/producers.md are the producers the integration tests run ({@code MisroutedRecordsIT},
 * {@code KafkajsProducerIT}), word for word, so the document cannot drift from what was tested: change the file
 * under src/test/resources/producers and paste it into the document, or the other way round.
 */
class ProducerExamplesTest {

    private static final Path DOCUMENT = Path.of("..", "docs", "producers.md");

    @ParameterizedTest
    @CsvSource({"librdkafka_producer.py, python", "kafkajs_producer.js, javascript", "package.json, json"})
    void theDocumentShowsTheTestedFileWordForWord(String file, String language) throws Exception {
        String tested = Files.readString(ProducerScript.SOURCES.resolve(file));
        assertThat(Files.readString(DOCUMENT))
                .as("docs/producers.md holds %s in a ```%s block, as tested", file, language)
                .contains("```" + language + "\n" + tested + "```\n");
    }
}
