package dev.plateau.ui.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The preset choice's text without a window: the preset's own label, or "custom (edited)" once the form left it. */
class LoadViewModelTest {
    @Test
    void presetLabelNamesThePresetOrSaysTheFormWasEdited() {
        assertThat(LoadViewModel.presetLabel(Preset.BALLOON)).isEqualTo("Balloon: 4 connections, 1.6 MB bodies, held open");
        assertThat(LoadViewModel.presetLabel(null)).isEqualTo("custom (edited) — choose a preset to refill");
    }
}
