// HourlyResults recycles the storage of its series of doubles: what a result lets go of,
// the next prepare() takes (simulate_test.cpp checks that a year run into it is unchanged).
#include "model/result/run_result.h"

#include <gtest/gtest.h>

#include <set>

namespace headroom::model {
namespace {

std::set<const double*> storageOf(const HourlyResults& hourly) {
    std::set<const double*> storage;
    for (const HourlyField& field : hourlyFields()) {
        storage.insert((hourly.*field.values).data());
    }
    return storage;
}

TEST(HourlyResults, ResizeSetsAddedHoursToZero) {
    HourlyResults hourly;
    hourly.resize(24);
    EXPECT_EQ(hourly.hours(), 24u);
    hourly.facilityPowerKw[3] = 5.0;
    hourly.resize(48);
    EXPECT_EQ(hourly.facilityPowerKw[3], 5.0);
    EXPECT_EQ(hourly.facilityPowerKw[47], 0.0);
    EXPECT_EQ(hourly.month.size(), 48u);
    EXPECT_EQ(hourly.outsideEnvelope.size(), 48u);
}

TEST(HourlyResults, ADroppedResultsStorageIsTakenByTheNext) {
    std::set<const double*> dropped;
    {
        HourlyResults year;
        year.prepare(8760);
        dropped = storageOf(year);
    }
    HourlyResults next;
    next.prepare(8760);
    EXPECT_EQ(storageOf(next), dropped);
    EXPECT_EQ(next.hours(), 8760u);
    for (const HourlyField& field : hourlyFields()) {
        EXPECT_EQ((next.*field.values).size(), 8760u) << field.name;
    }
}

TEST(HourlyResults, AssigningOverAResultRecyclesItsStorage) {
    HourlyResults year;
    year.prepare(8760);
    const std::set<const double*> old = storageOf(year);
    HourlyResults other;
    other.resize(8760);
    const std::set<const double*> others = storageOf(other);
    year = std::move(other);
    EXPECT_EQ(storageOf(year), others);
    HourlyResults next;
    next.prepare(8760);
    EXPECT_EQ(storageOf(next), old);
}

TEST(HourlyResults, ACopyHasStorageOfItsOwn) {
    HourlyResults year;
    year.prepare(8760);
    year.carbonKg[5] = 2.0;
    const HourlyResults copy = year;
    year.carbonKg[5] = 3.0;
    EXPECT_EQ(copy.carbonKg[5], 2.0);
    EXPECT_EQ(copy.hours(), 8760u);
}

TEST(HourlyResults, StorageTooShortIsNotTaken) {
    {
        HourlyResults day;
        day.resize(24);
    }
    HourlyResults year;
    year.prepare(8760);
    for (const HourlyField& field : hourlyFields()) {
        EXPECT_GE((year.*field.values).capacity(), 8760u) << field.name;
    }
}

} // namespace
} // namespace headroom::model
