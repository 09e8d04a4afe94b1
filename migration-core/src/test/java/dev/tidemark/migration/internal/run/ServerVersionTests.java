package dev.tidemark.migration.internal.run;

import org.junit.jupiter.api.Test;

import dev.tidemark.migration.ErrorCode;
import dev.tidemark.migration.TidemarkException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ServerVersionTests {

    @Test
    void postgres13IsRefusedWithTheVersionItRunsAndWhat14Adds() {
        assertThatExceptionOfType(TidemarkException.class)
            .isThrownBy(() -> ServerVersion.requireSupported(130012, "13.12 (Debian 13.12-1)"))
            .satisfies((ex) -> assertThat(ex.errorCode()).isEqualTo(ErrorCode.UNSUPPORTED_DATABASE))
            .withMessageContaining("Tidemark needs PostgreSQL 14 or newer")
            .withMessageContaining("PostgreSQL 13.12 (Debian 13.12-1) (server_version_num 130012)")
            .withMessageContaining("pg_locks.waitstart")
            .withMessageContaining("nothing was changed");
    }

    @Test
    void postgres14AndNewerAreAccepted() {
        assertThatCode(() -> ServerVersion.requireSupported(140000, "14.0")).doesNotThrowAnyException();
        assertThatCode(() -> ServerVersion.requireSupported(180000, "18.0")).doesNotThrowAnyException();
    }

}
