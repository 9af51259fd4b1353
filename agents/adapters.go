package agents

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"

	"github.com/rlfc/arena/lora"
)

// Adapters loads adapter versions for the embedded model.
type Adapters interface {
	// Adapter returns the adapter of a version, ready to attach to the
	// model. Callers must not change or train the returned adapter: it may
	// be shared with other requests.
	Adapter(version string) (*lora.Adapter, error)
}

// CheckVersion reports whether an adapter version name is safe to use as
// one directory name: 1 to 128 of the characters A-Z a-z 0-9 . _ - and
// starting with a letter or digit. This refuses path separators, "." and
// "..", hidden names and anything a shell or another OS would treat
// specially, so a version from a player can never reach outside the
// adapter directory.
func CheckVersion(version string) error {
	switch {
	case version == "":
		return errors.New("adapter version is empty")
	case len(version) > MaxVersionBytes:
		return fmt.Errorf("adapter version %q is %d bytes long, at most %d are allowed", clip(version), len(version), MaxVersionBytes)
	case strings.Contains(version, ".."):
		return fmt.Errorf("adapter version %q contains \"..\"", clip(version))
	case !isAlnum(version[0]):
		return fmt.Errorf("adapter version %q must start with a letter or digit", clip(version))
	}
	for i := 0; i < len(version); i++ {
		c := version[i]
		if isAlnum(c) || c == '.' || c == '_' || c == '-' {
			continue
		}
		if c == '/' || c == '\\' {
			return fmt.Errorf("adapter version %q contains a path separator %q", clip(version), c)
		}
		return fmt.Errorf("adapter version %q contains %q (allowed: letters, digits, '.', '_', '-')", clip(version), rune(c))
	}
	return nil
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// DefaultAdapterCache is how many adapters an AdapterDir keeps loaded when
// its CacheSize is zero.
const DefaultAdapterCache = 4

// AdapterDir loads adapter versions from directories Root/<version>/ in
// PEFT's layout (adapter_config.json, adapter_model.safetensors), for
// Model. It keeps the most recently used versions loaded, since a match
// asks for the same few versions over and over. Versions are taken to be
// immutable: a version rewritten on disk is not reloaded while cached.
//
// An AdapterDir must not be copied after first use; it is safe for
// concurrent use.
type AdapterDir struct {
	// Root is the directory that holds one directory per version.
	Root string
	// Model is the model the adapters are for; their shapes are checked
	// against it.
	Model *lora.Model
	// CacheSize is how many versions stay loaded; zero means
	// DefaultAdapterCache and a negative value disables the cache.
	CacheSize int

	mu     sync.Mutex
	recent []cachedAdapter // most recently used first
}

type cachedAdapter struct {
	version string
	adapter *lora.Adapter
}

// Adapter loads (or finds among the recently used) the adapter of a
// version. A version name that CheckVersion refuses is an error.
func (d *AdapterDir) Adapter(version string) (*lora.Adapter, error) {
	if err := CheckVersion(version); err != nil {
		return nil, fmt.Errorf("agents: %w", err)
	}
	if d.Model == nil {
		return nil, fmt.Errorf("agents: adapter %q: the adapter directory has no model", version)
	}
	if d.Root == "" {
		return nil, fmt.Errorf("agents: adapter %q: the adapter directory has no root", version)
	}
	// Loading under the lock makes concurrent requests for a version that
	// is not yet loaded wait for one load instead of each reading it.
	d.mu.Lock()
	defer d.mu.Unlock()
	for i, c := range d.recent {
		if c.version == version {
			copy(d.recent[1:i+1], d.recent[:i])
			d.recent[0] = c
			return c.adapter, nil
		}
	}
	a, err := lora.LoadAdapter(filepath.Join(d.Root, version), d.Model)
	if err != nil {
		return nil, fmt.Errorf("agents: adapter %q: %w", version, err)
	}
	size := d.CacheSize
	if size == 0 {
		size = DefaultAdapterCache
	}
	if size > 0 {
		if len(d.recent) >= size {
			d.recent = d.recent[:size-1]
		}
		d.recent = append([]cachedAdapter{{version, a}}, d.recent...)
	}
	return a, nil
}
