"""A private D-Bus session bus and an unlocked gnome-keyring for QtKeychain tests (TESTBED.md).

The bus listens on a socket *path* in a temp dir, never an abstract socket: abstract unix sockets
belong to a network namespace, so a client run with `ip netns exec` (scripts/lab.sh exec) could not
reach an abstract bus of the host namespace, while a path is reachable from every namespace that
shares the file system. HOME and XDG_RUNTIME_DIR are temp dirs too, so the keyring file and anything
else written under HOME can be inspected, and nothing of the machine's own session is touched.
Both daemons run in the foreground as our children and are stopped by their PIDs.
"""
import os
import secrets
import shutil
import subprocess
import tempfile
import time

NEEDED = ("dbus-daemon", "dbus-send", "gnome-keyring-daemon")
LIBSECRET = ("/usr/lib/x86_64-linux-gnu/libsecret-1.so.0", "/usr/lib/aarch64-linux-gnu/libsecret-1.so.0",
             "/usr/lib64/libsecret-1.so.0", "/usr/lib/libsecret-1.so.0")


def missing():
    """What this machine lacks to run a keyring session (empty when nothing)."""
    lack = [n for n in NEEDED if not shutil.which(n)]
    if not any(os.path.exists(p) for p in LIBSECRET):
        lack.append("libsecret-1-0 (QtKeychain loads it at run time)")
    return lack


def _bus_call(env, method, arg):
    p = subprocess.run(["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus", "/",
                        "org.freedesktop.DBus." + method, "string:" + arg],
                       env=env, capture_output=True, text=True, timeout=5)
    return p.stdout if p.returncode == 0 else ""


class KeyringSession:
    def __init__(self):
        self.keyring_password = "keyring-" + secrets.token_hex(8)  # unlocks the keyring, test-only
        self.root = self.home = self.env = None
        self.bus = self.keyring = None
        self.ready_seconds = None

    def __enter__(self):
        self.root = tempfile.mkdtemp(prefix="ssod-keyring-")
        self.home = os.path.join(self.root, "home")
        run = os.path.join(self.root, "run")
        os.makedirs(self.home)
        os.makedirs(run, mode=0o700)
        env = {k: v for k, v in os.environ.items()
               if k not in ("DISPLAY", "WAYLAND_DISPLAY", "XDG_CURRENT_DESKTOP", "DESKTOP_SESSION",
                            "KDE_FULL_SESSION", "KDE_SESSION_VERSION", "GNOME_DESKTOP_SESSION_ID",
                            "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")}
        env.update(HOME=self.home, XDG_RUNTIME_DIR=run)
        start = time.monotonic()
        try:
            self._start(env)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        self.ready_seconds = time.monotonic() - start
        return self

    def _start(self, env):
        sock = os.path.join(self.root, "bus")
        self.bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--nopidfile",
                                     "--address=unix:path=" + sock, "--print-address=1"],
                                    env=env, stdout=subprocess.PIPE, text=True,
                                    stderr=subprocess.DEVNULL)  # "cannot raise the fd limit": noise
        address = self.bus.stdout.readline().strip()  # printed once the socket listens
        if not address.startswith("unix:path="):
            raise RuntimeError("dbus-daemon gave no address: %r" % address)
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        self.env = env
        self._start_keyring(unlock=True)

    def _start_keyring(self, unlock):
        env = self.env
        self.keyring = subprocess.Popen(["gnome-keyring-daemon", "--foreground", "--components=secrets"]
                                        + (["--unlock"] if unlock else []), env=env,
                                        stdin=subprocess.PIPE if unlock else subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if unlock:
            self.keyring.stdin.write(self.keyring_password.encode())
            self.keyring.stdin.close()
        deadline = time.monotonic() + 15
        while "boolean true" not in _bus_call(env, "NameHasOwner", "org.freedesktop.secrets"):
            if time.monotonic() > deadline or self.keyring.poll() is not None:
                raise RuntimeError("gnome-keyring-daemon did not take org.freedesktop.secrets")
            time.sleep(0.05)
        # The owner must be our daemon, not one the bus activated from its .service file.
        owner = _bus_call(env, "GetConnectionUnixProcessID", "org.freedesktop.secrets").split()
        if not owner or owner[-1] != str(self.keyring.pid):
            raise RuntimeError("org.freedesktop.secrets is owned by %r, not our daemon %d" % (owner, self.keyring.pid))

    def relock(self):
        """Restarts the keyring daemon without unlocking it, as after a login without the keyring
        password; without a desktop no unlock prompt can be shown."""
        self.keyring.terminate()
        self.keyring.wait(timeout=10)
        self._start_keyring(unlock=False)

    def __exit__(self, *exc):
        for p in (self.keyring, self.bus):
            if p and p.poll() is None:
                p.terminate()
                try:
                    p.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait(timeout=5)
        if self.bus and self.bus.stdout:
            self.bus.stdout.close()
        if self.root:
            shutil.rmtree(self.root, ignore_errors=True)
        return False

    def files_containing(self, needle, extra_roots=()):
        """Every file under HOME (except the keyring's own encrypted store) and \a extra_roots whose
        bytes contain \a needle."""
        found = []
        keyrings = os.path.join(self.home, ".local", "share", "keyrings")
        data = needle.encode()
        for top in (self.home,) + tuple(extra_roots):
            for d, dirs, files in os.walk(top):
                if os.path.abspath(d) == keyrings:
                    dirs[:] = []
                    continue
                for f in files:
                    path = os.path.join(d, f)
                    try:
                        if os.path.isfile(path) and data in open(path, "rb").read():
                            found.append(path)
                    except OSError:
                        pass
        return found

    def search_finds_a_planted_copy(self, needle):
        """The negative checks mean something only if files_containing() would see a leak: plant
        \a needle where QSettings would write it, look, and remove it again."""
        path = os.path.join(self.home, ".config", "ssod-canary", "planted.conf")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write("[General]\npassword=%s\n" % needle)
        try:
            return path in self.files_containing(needle)
        finally:
            shutil.rmtree(os.path.dirname(path))

    def keyring_files(self):
        keyrings = os.path.join(self.home, ".local", "share", "keyrings")
        return sorted(os.listdir(keyrings)) if os.path.isdir(keyrings) else []
