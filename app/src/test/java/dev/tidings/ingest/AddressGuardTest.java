package dev.tidings.ingest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AddressGuardTest {
    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/", "http://localhost:8080/x", "http://10.1.2.3/", "http://192.168.0.10/",
            "http://172.20.0.1/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://0.0.0.0/",
            "http://100.64.0.1/", "http://[fd00::1]/"})
    void privateAndLocalAddressesAreRefusedWithAClearMessage(String url) {
        assertThatThrownBy(() -> new AddressGuard(false).check(URI.create(url)))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("private address")
                .hasMessageContaining("--allow-private");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/", "http://localhost:8080/x", "http://10.1.2.3/"})
    void anAllowedSourceMayBePrivate(String url) {
        assertThatCode(() -> new AddressGuard(true).check(URI.create(url))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://example.org/", "gopher://127.0.0.1/"})
    void onlyHttpAndHttpsAreFetched(String url) {
        assertThatThrownBy(() -> new AddressGuard(true).check(URI.create(url)))
                .isInstanceOf(IngestException.class).hasMessageContaining("only http and https");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://8.8.8.8/", "http://93.184.215.14/", "http://[2001:4860:4860::8888]/"})
    void publicAddressesPass(String url) {
        assertThatCode(() -> new AddressGuard(false).check(URI.create(url))).doesNotThrowAnyException();
    }
}
