#include "core/registry/FileStore.h"
#include "ui/widgets/ReadProgress.h"

#include <QFile>
#include <QProgressBar>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>
#include <thread>

using namespace ssod;
using core::registry::FileStore;
using core::registry::ReadOptions;
using core::registry::StoreKind;

// The progress bar and its Stop button drive a real read of a real file on a worker thread, as the
// wizard's Target page and the Settings page's "Compare with" use them.
class TestReadProgress final : public QObject {
    Q_OBJECT

private slots:
    void stopButtonCancelsTheRead()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("export.reg"));
        {
            // ~10 MB UTF-16LE: more than one read chunk, so the read reports progress and goes on.
            QString text = QStringLiteral("Windows Registry Editor Version 5.00\r\n\r\n");
            for (int k = 0; text.size() < 5'000'000; ++k)
                text
                    += QStringLiteral("[HKEY_LOCAL_MACHINE\\SOFTWARE\\Bulk\\Key%1]\r\n\"Value\"=dword:%2\r\n")
                           .arg(k)
                           .arg(k, 8, 16, QLatin1Char('0'));
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("\xff\xfe", 2);
            f.write(reinterpret_cast<const char *>(text.utf16()), text.size() * 2);
        }
        ui::ReadProgress progress; // hidden until a read has taken a moment
        ReadOptions options = progress.start();
        // The worker waits in its first progress report until the user has pressed Stop (bounded),
        // so the test does not depend on how fast the machine reads.
        const auto report = options.progress;
        std::atomic<bool> reported = false;
        options.progress = [&, report](qint64 done, qint64 total) {
            report(done, total);
            reported = true;
            for (int i = 0; i < 3000 && !options.cancelled(); ++i)
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
        };
        auto future = QtConcurrent::run([file, options] {
            auto store = FileStore::open(
                file, StoreKind::RegFile, false, QStringLiteral("HKEY_LOCAL_MACHINE"), options);
            return store ? QString() : store.error().toString();
        });
        auto *bar = progress.findChild<QProgressBar *>(QStringLiteral("readProgressBar"));
        auto *stop = progress.findChild<QPushButton *>(QStringLiteral("readCancelButton"));
        QVERIFY(bar && stop);
        QTRY_VERIFY(reported.load());
        QTRY_VERIFY(bar->isVisible()); // a read that takes a while shows the bar
        QTRY_VERIFY(bar->value() > 0 && bar->value() < 1000);
        QTest::mouseClick(stop, Qt::LeftButton);
        QVERIFY(!stop->isEnabled());
        QTRY_VERIFY(future.isFinished());
        QVERIFY2(
            future.result().endsWith(ReadOptions::cancelledError({}).message), qPrintable(future.result()));
        progress.finish();
        QVERIFY(!bar->isVisible());
    }
};

QTEST_MAIN(TestReadProgress)
#include "tst_readprogress.moc"
