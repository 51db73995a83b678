package org.mynn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The launcher's class data sharing archive is only as good as the tour it records: every stop must run. */
class ClassTourTest {

    @Test
    void everyStopOfTheTour_endsAsItShould() throws Exception {
        assertThat(ClassTour.tour()).as("stops that failed (an option renamed?)").isEmpty();
    }
}
