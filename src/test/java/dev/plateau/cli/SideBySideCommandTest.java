package dev.plateau.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.plateau.load.bench.WrkRunner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SideBySideCommandTest {
    @Test
    void fluentBitBinary_takesTheGivenPathFirst() {
        assertThat(SideBySideCommand.fluentBitBinary("/opt/fb/bin/fluent-bit")).isEqualTo(Path.of("/opt/fb/bin/fluent-bit"));
    }

    @Test
    void missingBinary_exitsOneWithOneLineNamingIt() {
        assumeTrue(WrkRunner.available(), "wrk is not on the PATH (apt install wrk)");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));

        int rc = cl.execute("bench", "--vs-fluent-bit", "/nonexistent/fluent-bit", "--rounds", "1");

        assertThat(rc).isEqualTo(1);
        assertThat(err.toString().strip().lines()).singleElement().asString()
                .startsWith("plateau bench: cannot start fluent-bit (/nonexistent/fluent-bit)");
    }

    @Test
    void badRounds_exitsTwo() {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err));

        int rc = cl.execute("bench", "--vs-fluent-bit", "/nonexistent/fluent-bit", "--rounds", "0");

        assertThat(rc).isEqualTo(2);
        assertThat(err.toString()).contains("rounds");
    }
}
