package store_test

import (
	"fmt"
	"os"

	"github.com/rlfc/arena/store"
)

type Round struct {
	Winner string `json:"winner"`
}

var rounds = store.NewTable[Round]("round")

func Example() {
	db, err := store.Open("", store.Options{InMemory: true})
	if err != nil {
		panic(err)
	}
	defer db.Close()

	// Composite keys group a match's rounds, in numeric order.
	err = db.Update(func(tx *store.Tx) error {
		for n, w := range []string{"alice", "bob", "alice"} {
			if err := rounds.Put(tx, store.Key("m1", store.SeqKey(uint64(n+1))), Round{w}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		panic(err)
	}

	err = db.View(func(tx *store.Tx) error {
		if _, err := rounds.Get(tx, store.Key("m2", store.SeqKey(1))); err != nil {
			fmt.Println(err)
		}
		return rounds.ScanReverse(tx, store.Key("m1", ""), func(key string, r Round) error {
			fmt.Println(key, r.Winner)
			return store.Stop // only the latest round
		})
	})
	if err != nil {
		panic(err)
	}

	if _, err := db.Export(os.Stdout, rounds.Name()); err != nil {
		panic(err)
	}
	// Output:
	// store: get round/m2/0000000000000001: not found
	// m1/0000000000000003 alice
	// {"key":"m1/0000000000000001","value":{"winner":"alice"}}
	// {"key":"m1/0000000000000002","value":{"winner":"bob"}}
	// {"key":"m1/0000000000000003","value":{"winner":"alice"}}
}
