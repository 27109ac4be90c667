package guard // want `broken: internal error analyzing package guard: assignment to entry in nil map \(.*finding_test.go:\d+\); please report it`

func f() {}
