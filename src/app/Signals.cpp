#include "app/Signals.h"

#include <initializer_list>
#include <pthread.h>

namespace AlertGate {

Signals::Signals()
{
    sigemptyset(&_set);
    for (int signal : {SIGTERM, SIGINT, SIGQUIT, SIGHUP})
        sigaddset(&_set, signal);
}

void Signals::block()
{
    pthread_sigmask(SIG_BLOCK, &_set, nullptr);
}

int Signals::wait()
{
    int signal = 0;
    while (sigwait(&_set, &signal) != 0)
    {
    }
    return signal;
}

} // namespace AlertGate
