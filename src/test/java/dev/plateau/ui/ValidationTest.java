package dev.plateau.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plateau.collector.CollectorConfig;
import dev.plateau.events.EventLog;
import dev.plateau.ui.common.BackgroundTasks;
import dev.plateau.ui.common.Errors;
import dev.plateau.ui.common.Parsers;
import dev.plateau.ui.common.ValidatedField;
import dev.plateau.ui.load.LoadViewModel;
import dev.plateau.ui.load.Preset;
import dev.plateau.ui.main.AppOptions;
import dev.plateau.ui.main.CollectorViewModel;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationTest {

    @Test
    void portField_revalidatesOnEveryKeystroke() {
        ValidatedField<Integer> port = new ValidatedField<>("9880", Parsers.port());
        assertThat(port.isValid()).isTrue();
        assertThat(port.value()).isEqualTo(9880);
        port.textProperty().set("98x0");
        assertThat(port.isValid()).isFalse();
        assertThat(port.errorProperty().get()).isEqualTo("port: '98x0' is not a whole number");
        port.textProperty().set("70000");
        assertThat(port.errorProperty().get()).isEqualTo("port: must be 0-65535, was 70000");
        port.textProperty().set("0");
        assertThat(port.isValid()).isTrue();
        assertThat(port.errorProperty().get()).isEmpty();
    }

    @Test
    void invalidField_valueThrowsWithTheMessage() {
        ValidatedField<Integer> port = new ValidatedField<>("", Parsers.port());
        assertThatThrownBy(port::value).isInstanceOf(IllegalStateException.class).hasMessage("port: required");
    }

    @Test
    void host_acceptsAddressesAndNamesRejectsJunk() {
        ValidatedField<String> host = new ValidatedField<>("127.0.0.1", Parsers.host());
        assertThat(host.isValid()).isTrue();
        host.textProperty().set("localhost");
        assertThat(host.isValid()).isTrue();
        host.textProperty().set("::1");
        assertThat(host.isValid()).isTrue();
        host.textProperty().set("300.1.1.1");
        assertThat(host.errorProperty().get()).contains("0-255");
        host.textProperty().set("127.0.0");
        assertThat(host.errorProperty().get()).contains("four parts");
        host.textProperty().set("a b");
        assertThat(host.isValid()).isFalse();
    }

    @Test
    void url_mustBeHttp() {
        ValidatedField<URI> url = new ValidatedField<>("http://127.0.0.1:2020/x", Parsers.httpUrl());
        assertThat(url.isValid()).isTrue();
        url.textProperty().set("ftp://x/");
        assertThat(url.errorProperty().get()).isEqualTo("target: http://host:port/path");
        url.textProperty().set("http://bad host/");
        assertThat(url.errorProperty().get()).startsWith("target: not a URL");
    }

    @Test
    void runLabel_becomesAFolderNameSoIsRestricted() {
        ValidatedField<String> label = new ValidatedField<>("before", Parsers.label());
        assertThat(label.isValid()).isTrue();
        label.textProperty().set("../etc");
        assertThat(label.isValid()).isFalse();
    }

    @Test
    void loadForm_fieldErrorsAndCrossFieldErrors() {
        LoadViewModel load = new LoadViewModel(spec -> {
            throw new IllegalStateException("not used");
        }, new BackgroundTasks(), () -> "http://127.0.0.1:9880/app");
        assertThat(load.formErrorProperty().get()).isEmpty();
        load.requestsField().textProperty().set("0");
        assertThat(load.requestsField().errorProperty().get()).isEqualTo("requests: 1-10000000");
        load.requestsField().textProperty().set("10");
        load.delayMsField().textProperty().set("50");
        load.rateField().textProperty().set("100");
        assertThat(load.formErrorProperty().get()).isEqualTo("--delay-ms and --rate: give one of them, not both");
        load.rateField().textProperty().set("0");
        load.abandonProperty().set(true);
        assertThat(load.formErrorProperty().get()).isEqualTo("--abandon: needs --reconnect-every K");
        load.reconnectEveryField().textProperty().set("20");
        assertThat(load.formErrorProperty().get()).isEmpty();
    }

    @Test
    void loadForm_buildsTheSpecFromTheFields() {
        LoadViewModel load = new LoadViewModel(spec -> null, new BackgroundTasks(), () -> null);
        load.requestsField().textProperty().set("50");
        load.connectionsField().textProperty().set("3");
        load.linesField().textProperty().set("4500");
        load.gzipProperty().set(true);
        var spec = load.spec(URI.create("http://127.0.0.1:1234/plateau"));
        assertThat(spec.requests()).isEqualTo(50);
        assertThat(spec.connections()).isEqualTo(3);
        assertThat(spec.lines()).isEqualTo(4500);
        assertThat(spec.gzip()).isTrue();
        assertThat(spec.target().getPort()).isEqualTo(1234);
        load.payloadFileProperty().set(Path.of("samples/x.json"));
        load.linesField().textProperty().set("0");
        assertThat(load.formErrorProperty().get()).isEmpty();
        assertThat(load.spec(URI.create("http://127.0.0.1:1/")).payloadFile()).isEqualTo(Path.of("samples/x.json"));
    }

    @Test
    void presets_fillAValidForm() {
        LoadViewModel load = new LoadViewModel(spec -> null, new BackgroundTasks(), () -> null);
        assertThat(load.linesField().textProperty().get()).isEqualTo("1500");
        for (Preset p : Preset.values()) {
            load.apply(p);
            assertThat(load.formErrorProperty().get()).as(p.toString()).isEmpty();
            var spec = load.spec(URI.create("http://127.0.0.1:1/"));
            assertThat(spec.requests()).isEqualTo(p.requests);
            assertThat(spec.abandon()).isEqualTo(p.abandon);
        }
    }

    @Test
    void presets_stayUnderTheDefaultMemBufLimitSoNoneAnswers503() {
        for (Preset p : Preset.values()) {
            assertThat(p.staysUnderTheDefaultLimit()).as(p + " sends at most %.1f MB/s", p.bytesPerSecondAtMost() / 1e6).isTrue();
        }
    }

    @Test
    void balloon_holdsItsConnectionsAndEditingTheFormForgetsThePreset() {
        LoadViewModel load = new LoadViewModel(spec -> null, new BackgroundTasks(), () -> null);
        assertThat(load.presetProperty().get()).isEqualTo(Preset.BALLOON);
        assertThat(load.spec(URI.create("http://127.0.0.1:1/")).hold()).isTrue();
        load.requestsField().textProperty().set("7");
        assertThat(load.presetProperty().get()).isNull();
        load.presetProperty().set(Preset.LEAKY);
        assertThat(load.requestsField().textProperty().get()).isEqualTo(Integer.toString(Preset.LEAKY.requests));
        assertThat(load.holdProperty().get()).isFalse();
        assertThat(load.presetProperty().get()).isEqualTo(Preset.LEAKY);
    }

    @Test
    void collectorConfig_takesFieldsAndPolicies() {
        CollectorViewModel vm = new CollectorViewModel(CollectorConfig.builder().monitorPort(0).build(), new EventLog(),
                new BackgroundTasks());
        vm.portField().textProperty().set("0");
        vm.shrinkProperty().set(true);
        vm.idleTimeoutSecondsProperty().set(10);
        CollectorConfig c = vm.config();
        assertThat(c.port()).isZero();
        assertThat(c.listen()).isEqualTo("127.0.0.1");
        assertThat(c.shrink()).isTrue();
        assertThat(c.reinit()).isFalse();
        assertThat(c.idleTimeout().toSeconds()).isEqualTo(10);
    }

    @Test
    void appOptions_parseAutostartPortRuns() {
        AppOptions o = AppOptions.parse(List.of("--autostart", "--port", "0", "--runs=/tmp/r"));
        assertThat(o.autostart()).isTrue();
        assertThat(o.port()).isZero();
        assertThat(o.runs()).isEqualTo(Path.of("/tmp/r"));
        assertThat(AppOptions.parse(List.of())).isEqualTo(AppOptions.DEFAULTS);
        assertThatThrownBy(() -> AppOptions.parse(List.of("--port", "x"))).hasMessage("--port: 'x' is not a whole number");
        assertThatThrownBy(() -> AppOptions.parse(List.of("--bogus"))).hasMessageStartingWith("unknown option '--bogus'");
    }

    @Test
    void errors_areOneLineWithoutStackTraces() {
        assertThat(Errors.message(new java.util.concurrent.CompletionException(new java.net.ConnectException("Connection refused: /127.0.0.1:1"))))
                .isEqualTo("connection refused: Connection refused: /127.0.0.1:1");
        assertThat(Errors.message(new RuntimeException("line one\n\tat x.y.Z"))).isEqualTo("line one");
        assertThat(Errors.message(new NullPointerException())).isEqualTo("nullpointer (no details)");
    }
}
