#include "crashreport.h"

#include <execinfo.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

namespace th::app {
namespace {

constexpr int Signals[] = {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL};
constexpr int MaxFrames = 64;
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool SanitizerBuild = true;
#else
constexpr bool SanitizerBuild = false;
#endif

void say(const char *text)
{
    [[maybe_unused]] const ssize_t n = ::write(STDERR_FILENO, text, strlen(text));
}

// Only async-signal-safe calls: write(2), and backtrace(), whose first call install() has made already.
void onFatalSignal(int sig)
{
    say("threadhound: fatal signal ");
    say(sigabbrev_np(sig) ? sigabbrev_np(sig) : "?");
    say("; call stack of the failing thread:\n");
    void *frames[MaxFrames];
    backtrace_symbols_fd(frames, backtrace(frames, MaxFrames), STDERR_FILENO);
    raise(sig); // SA_RESETHAND restored the default action: end the process as the signal would have
}

} // namespace

void CrashReport::install()
{
    if (SanitizerBuild)
        return; // their own reports are better
    void *warmUp[1];
    backtrace(warmUp, 1); // loads the unwinder now: inside the handler it could not allocate
    struct sigaction action = {};
    action.sa_handler = onFatalSignal;
    action.sa_flags = SA_RESETHAND;
    sigemptyset(&action.sa_mask);
    for (int sig : Signals)
        sigaction(sig, &action, nullptr);
}

} // namespace th::app
