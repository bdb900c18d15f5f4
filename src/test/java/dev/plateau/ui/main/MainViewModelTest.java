package dev.plateau.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/** The main window's state without the window: the idle field's parsing, the PNG name, the page. */
@ExtendWith(ApplicationExtension.class)
class MainViewModelTest {

    @Test
    void idleSeconds_acceptsDigitsWithAnOptionalSecondsSuffix() {
        assertThat(MainViewModel.idleSeconds("30")).contains(30);
        assertThat(MainViewModel.idleSeconds(" 30 s ")).contains(30);
        assertThat(MainViewModel.idleSeconds("30s")).contains(30);
        assertThat(MainViewModel.idleSeconds("9999")).contains(MainViewModel.MAX_IDLE_SECONDS);
    }

    @Test
    void idleSeconds_rejectsWhatIsNotACount() {
        assertThat(MainViewModel.idleSeconds("")).isEqualTo(Optional.empty());
        assertThat(MainViewModel.idleSeconds("-1")).isEmpty();
        assertThat(MainViewModel.idleSeconds("1m")).isEmpty();
        assertThat(MainViewModel.idleSeconds(null)).isEmpty();
        assertThat(MainViewModel.idleSeconds("12345")).isEmpty();
    }

    @Test
    void pngName_namesTheShownTab(FxRobot robot, @TempDir Path tmp) {
        Console console = Console.create(new AppOptions(false, "127.0.0.1", 0, tmp.resolve("runs")));
        try {
            MainViewModel main = console.model();
            assertThat(main.pngName()).matches("plateau-live-\\d{8}-\\d{6}\\.png");
            robot.interact(() -> main.pageProperty().set(Page.COMPARE));
            assertThat(main.pngName()).startsWith("plateau-compare-");
            assertThat(Page.CONNECTIONS.title()).isEqualTo("Connections");
        } finally {
            console.shutdown();
        }
    }
}
