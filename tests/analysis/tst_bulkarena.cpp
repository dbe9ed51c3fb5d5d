// The analysis's bulk memory: BulkArena (many small arrays), PopulatedAllocator (one large array) and Pages.
#include "analysis/bulkarena.h"
#include "analysis/pages.h"
#include "analysis/populatedallocator.h"

#include <QtConcurrent>
#include <QtTest>

#include <numeric>

using namespace th::analysis;

class TestBulkArena : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void keepsCopiesMadeFromManyThreads();
    void alignsEachArray();
    void largeArraysDoNotEndTheCurrentChunk();
    void keepsEmptyArrays();
    void chunksGrowFromAMegabyte();
    void populatedVectorGrowsAcrossTheThreshold();
    void populatingKeepsWhatIsWritten();
    void largeBlocksSitOnHugePageBoundaries();
};

namespace {

std::vector<quint64> numbered(size_t n, quint64 seed)
{
    std::vector<quint64> v(n);
    std::iota(v.begin(), v.end(), seed * 1000003);
    return v;
}

} // namespace

// Message-sized arrays (0 to 5,000 elements) kept concurrently, as the quote matcher does, come back intact:
// no two overlap, and none was cut short at a chunk boundary.
void TestBulkArena::keepsCopiesMadeFromManyThreads()
{
    BulkArena arena;
    std::vector<std::span<const quint64>> kept(3000);
    std::vector<int> indexes(kept.size());
    std::iota(indexes.begin(), indexes.end(), 0);
    QtConcurrent::blockingMap(indexes, [&](int i) { kept[size_t(i)] = arena.keep(numbered(size_t(i * 7919 % 5001), quint64(i))); });
    size_t total = 0;
    for (size_t i = 0; i < kept.size(); ++i) {
        const std::vector<quint64> expected = numbered(i * 7919 % 5001, i);
        QVERIFY2(std::equal(kept[i].begin(), kept[i].end(), expected.begin(), expected.end()), qPrintable(QString::number(i)));
        total += kept[i].size_bytes();
    }
    QVERIFY(total > size_t(48) << 20); // several chunks were filled
}

void TestBulkArena::alignsEachArray()
{
    BulkArena arena;
    for (int i = 0; i < 100; ++i) {
        const std::span<const char> bytes = arena.keep(std::vector<char>(size_t(i % 7 + 1), 'x'));
        const std::span<const quint64> words = arena.keep(numbered(3, quint64(i)));
        QCOMPARE(bytes.size(), size_t(i % 7 + 1));
        QCOMPARE(reinterpret_cast<quintptr>(words.data()) % alignof(quint64), quintptr(0));
        QCOMPARE(words[2], quint64(i) * 1000003 + 2);
    }
}

// A large array gets a chunk of its own; the small arrays before and after it share the current chunk,
// also when the large one comes first (a case whose first message is huge).
void TestBulkArena::largeArraysDoNotEndTheCurrentChunk()
{
    BulkArena arena;
    const size_t large = size_t(1) << 20; // 8 MB of quint64: half a chunk
    const std::span<const quint64> first = arena.keep(numbered(large, 1));
    const std::span<const quint64> before = arena.keep(numbered(10, 2));
    const std::span<const quint64> second = arena.keep(numbered(large, 3));
    const std::span<const quint64> after = arena.keep(numbered(10, 4));
    QCOMPARE(after.data(), before.data() + before.size());
    const std::vector<quint64> expectedFirst = numbered(large, 1), expectedSecond = numbered(large, 3);
    QVERIFY(std::equal(first.begin(), first.end(), expectedFirst.begin(), expectedFirst.end()));
    QVERIFY(std::equal(second.begin(), second.end(), expectedSecond.begin(), expectedSecond.end()));
    QCOMPARE(before.front(), quint64(2) * 1000003);
}

void TestBulkArena::keepsEmptyArrays()
{
    BulkArena arena;
    QVERIFY(arena.keep(std::vector<quint64>()).empty());
    QCOMPARE(arena.keep(numbered(1, 5)).front(), quint64(5) * 1000003);
}

// 256 kB arrays: four fill the first chunk (1 MB), the fifth opens the next (2 MB), which takes eight. An array
// larger than the next chunk but under a quarter of ChunkSize gets a chunk of at least its size.
void TestBulkArena::chunksGrowFromAMegabyte()
{
    static_assert(BulkArena::FirstChunkSize == size_t(1) << 20);
    BulkArena arena;
    const size_t quarter = (BulkArena::FirstChunkSize / 4) / sizeof(quint64);
    std::vector<const quint64 *> starts;
    for (int i = 0; i < 12; ++i)
        starts.push_back(arena.keep(numbered(quarter, quint64(i))).data());
    const auto contiguous = [&](int from, int to) {
        for (int i = from + 1; i <= to; ++i)
            if (starts[size_t(i)] != starts[size_t(i - 1)] + quarter)
                return false;
        return true;
    };
    QVERIFY(contiguous(0, 3));
    QVERIFY(starts[4] != starts[3] + quarter);
    QVERIFY(contiguous(4, 11));
    const size_t big = (size_t(3) << 20) / sizeof(quint64); // 3 MB: more than the 4 MB chunk has left
    const std::vector<quint64> expected = numbered(big, 99);
    const std::span<const quint64> kept = arena.keep(expected);
    QVERIFY(std::equal(kept.begin(), kept.end(), expected.begin(), expected.end()));
    QCOMPARE(arena.keep(numbered(1, 7)).data(), kept.data() + big); // the rest of its chunk serves on
}

// From the heap below PopulatedAllocator::MinBytes, from Pages above it, and the contents survive the move.
void TestBulkArena::populatedVectorGrowsAcrossTheThreshold()
{
    std::vector<quint64, PopulatedAllocator<quint64>> v;
    const size_t n = 3 * PopulatedAllocator<quint64>::MinBytes / sizeof(quint64);
    for (size_t i = 0; i < n; ++i)
        v.push_back(i * 3);
    QCOMPARE(v.size(), n);
    QVERIFY(v.capacity() * sizeof(quint64) >= PopulatedAllocator<quint64>::MinBytes);
    for (size_t i = 0; i < n; i += 4099)
        QCOMPARE(v[i], i * 3);
    v.resize(10);
    v.shrink_to_fit();
    QCOMPARE(v.back(), quint64(27));
    std::vector<int, PopulatedAllocator<int>> zeroes(PopulatedAllocator<int>::MinBytes);
    QVERIFY(std::all_of(zeroes.begin(), zeroes.end(), [](int z) { return z == 0; }));
}

// The arena populates a fresh chunk while other threads already write arrays into it: populating must
// leave their bytes alone, and the pages it has not reached must read as zero.
void TestBulkArena::populatingKeepsWhatIsWritten()
{
    const size_t bytes = size_t(4) << 20;
    auto *block = static_cast<quint64 *>(Pages::reserved(bytes));
    const size_t n = bytes / sizeof(quint64);
    for (size_t i = 0; i < n / 2; i += 509)
        block[i] = i + 1;
    Pages::populate(block, bytes);
    for (size_t i = 0; i < n; i += 509)
        QCOMPARE(block[i], i < n / 2 ? i + 1 : 0);
    Pages::release(block, bytes);
}

// Reserved blocks of 2 MiB and more start on a huge-page boundary, so that transparent huge pages can back
// them whole, as do the arena's chunks; populated ones need not. All are zeroed and usable to the last byte,
// and releasing one leaves the rest mapped.
void TestBulkArena::largeBlocksSitOnHugePageBoundaries()
{
#ifndef Q_OS_LINUX
    QSKIP("huge pages are placed on Linux only");
#endif
    constexpr size_t HugePage = size_t(2) << 20;
    const size_t sizes[] = {HugePage, 3 * HugePage + 4096, 2 * HugePage + 1000, 5 * HugePage};
    std::vector<std::pair<unsigned char *, size_t>> blocks;
    for (size_t bytes : sizes) {
        blocks.emplace_back(static_cast<unsigned char *>(Pages::populated(bytes)), bytes);
        blocks.emplace_back(static_cast<unsigned char *>(Pages::reserved(bytes)), bytes);
    }
    for (size_t i = 0; i < blocks.size(); ++i) {
        const auto &[block, bytes] = blocks[i];
        if (i % 2 == 1) // reserved
            QCOMPARE(reinterpret_cast<quintptr>(block) % HugePage, quintptr(0));
        QCOMPARE(block[0] + block[bytes / 2] + block[bytes - 1], 0);
        block[0] = block[bytes - 1] = 7;
    }
    Pages::release(blocks[0].first, blocks[0].second);
    for (size_t i = 1; i < blocks.size(); ++i) {
        QCOMPARE(blocks[i].first[blocks[i].second - 1], 7);
        Pages::release(blocks[i].first, blocks[i].second);
    }
    BulkArena arena;
    (void)arena.keep(numbered(1, 1)); // the first chunk (1 MiB)
    QCOMPARE(reinterpret_cast<quintptr>(arena.keep(numbered(BulkArena::FirstChunkSize / sizeof(quint64), 2)).data()) % HugePage, quintptr(0));
}

QTEST_GUILESS_MAIN(TestBulkArena)
#include "tst_bulkarena.moc"
