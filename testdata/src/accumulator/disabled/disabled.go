package disabled

type Store struct {
	in  chan string
	log []string
}

func (s *Store) run() {
	for ev := range s.in {
		s.log = append(s.log, ev) // ok: the rule is switched off in flowlint.toml
	}
}
