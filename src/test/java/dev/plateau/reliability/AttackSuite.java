package dev.plateau.reliability;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One {@link AttackedCollector} per test class, and {@link Aftermath#check} after every case: the lifecycle the
 * data-driven hostile-input suites share.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AttackSuite {
    @TempDir
    static Path dir;
    AttackedCollector collector;

    @BeforeAll
    void start() {
        collector = AttackedCollector.start(dir);
    }

    @AfterEach
    void aftermath() throws Exception {
        Aftermath.check(collector);
    }

    @AfterAll
    void stop() {
        collector.close();
    }
}
