# expect: on another thread's event loop
import threading


def in_running_loop() -> bool:
    return threading.current_thread() is threading.main_thread()  # the notebook's loop runs in the main thread
