package org.mynn.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// waits on a team of worker threads; about 1 s on a quiet machine
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RowTeamTest {

    @Test
    void everyPartIsDoneExactlyOncePerRound_byTheWorkersOrTheCallerAlone() {
        try (RowTeam team = new RowTeam(3)) {
            AtomicIntegerArray done = new AtomicIntegerArray(30);
            for (int round = 0; round < 1000; round++) {
                team.run(RowTeam.rows(30, (r0, r1) -> {
                    for (int r = r0; r < r1; r++) {
                        done.incrementAndGet(r);
                    }
                }));
            }
            for (int r = 0; r < 30; r++) {
                assertThat(done.get(r)).isEqualTo(1000);
            }
        }
    }

    @Test
    void aPartItsWorkerHasNotStarted_isDoneByTheCaller_exactlyOnce_andTheWorkerTakesOverAgainLater() throws Exception {
        try (RowTeam team = new RowTeam(2)) {
            Thread caller = Thread.currentThread();
            AtomicIntegerArray done = new AtomicIntegerArray(2);
            java.util.concurrent.atomic.AtomicInteger byWorker = new java.util.concurrent.atomic.AtomicInteger();
            RowTeam.Task task = (part, parts) -> {
                done.incrementAndGet(part);
                if (Thread.currentThread() != caller) {
                    byWorker.incrementAndGet();
                }
            };
            team.hold(true);
            for (int round = 0; round < 200; round++) {
                team.run(task);
            }
            assertThat(byWorker.get()).as("a held worker starts nothing: the caller did its part every round").isZero();
            assertThat(done.get(0)).isEqualTo(200);
            assertThat(done.get(1)).isEqualTo(200);
            team.hold(false);
            for (int round = 0; round < 20_000 && byWorker.get() == 0; round++) {
                team.run((part, parts) -> {
                    task.part(part, parts);
                    if (part == 0) {
                        // give the worker time to claim its part before the caller looks
                        long until = System.nanoTime() + 50_000;
                        while (System.nanoTime() < until) {
                            Thread.onSpinWait();
                        }
                    }
                });
            }
            assertThat(byWorker.get()).as("the released worker does its parts again").isPositive();
            assertThat(done.get(0)).isEqualTo(done.get(1));
        }
    }

    @Test
    void oneLongStall_doesNotMakeTheCallerGiveUpItsWorkers() {
        try (RowTeam team = new RowTeam(2)) {
            for (int round = 0; round < 600; round++) {
                boolean stall = round == 10;
                team.run((part, parts) -> {
                    if (part == 1 && stall) {
                        try {
                            Thread.sleep(60);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    // real work in every part: the caller's takes longer than the handoff
                    long until = System.nanoTime() + (part == 0 ? 60_000 : 20_000);
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                });
            }
            assertThat(team.solo()).as("a 60 ms stall is 234 us a round on average over 256 rounds, but one round").isFalse();
        }
    }

    @Test
    void workersThatKeepTheCallerWaiting_makeItWorkAlone_withTheSameParts() {
        try (RowTeam team = new RowTeam(2)) {
            AtomicIntegerArray done = new AtomicIntegerArray(2);
            for (int round = 0; round < 300 && !team.solo(); round++) {
                team.run((part, parts) -> {
                    if (part == 1) {
                        try {
                            Thread.sleep(1);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    done.incrementAndGet(part);
                });
            }
            assertThat(team.solo()).as("after a window of slow handoffs the caller works alone").isTrue();
            int before = done.get(1);
            java.util.concurrent.atomic.AtomicReference<String> who = new java.util.concurrent.atomic.AtomicReference<>();
            team.run((part, parts) -> {
                done.incrementAndGet(part);
                if (part == 1) {
                    who.set(Thread.currentThread().getName());
                }
            });
            assertThat(done.get(1)).isEqualTo(before + 1);
            assertThat(who.get()).isEqualTo(Thread.currentThread().getName());
            try {
                Thread.sleep(RowTeam.SOLO_MILLIS + 50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            team.run((part, parts) -> {
                if (part == 1) {
                    who.set(Thread.currentThread().getName());
                } else {
                    // long enough for the worker, parked after so long a wait, to wake and claim its part
                    long until = System.nanoTime() + 20_000_000;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                }
            });
            assertThat(who.get()).as("after %d ms the workers are tried again", RowTeam.SOLO_MILLIS).isEqualTo("mynn-rows-1");
        }
    }

    @Test
    void aWorkerThatTakesLessThanTheCallersOwnPart_isNotSlow_howeverLongTheRoundsAre() {
        try (RowTeam team = new RowTeam(2)) {
            for (int round = 0; round < 300; round++) {
                team.run((part, parts) -> {
                    long until = System.nanoTime() + (part == 0 ? 400_000 : 250_000);
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                });
            }
            assertThat(team.solo()).as("rounds of 400 us in which the caller never waits longer than its own part").isFalse();
        }
    }
    @Test
    void blocks_coverEveryItemOnce_andAHeldUpThreadDoesFewer() {
        try (RowTeam team = new RowTeam(2)) {
            java.util.concurrent.atomic.AtomicIntegerArray seen = new java.util.concurrent.atomic.AtomicIntegerArray(1000);
            java.util.concurrent.ConcurrentHashMap<String, Integer> byThread = new java.util.concurrent.ConcurrentHashMap<>();
            team.run(RowTeam.blocks(1000, 16, (r0, r1) -> {
                for (int r = r0; r < r1; r++) {
                    seen.incrementAndGet(r);
                }
                String me = Thread.currentThread().getName();
                byThread.merge(me, 1, Integer::sum);
                if (!me.startsWith("mynn-rows")) {
                    // the caller is held up: the worker should take most blocks meanwhile
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }));
            for (int r = 0; r < 1000; r++) {
                assertThat(seen.get(r)).as("item %d", r).isEqualTo(1);
            }
            assertThat(byThread.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(63);
            assertThat(byThread.getOrDefault("mynn-rows-1", 0)).as("blocks the worker took: %s", byThread).isGreaterThan(40);
        }
    }
}
