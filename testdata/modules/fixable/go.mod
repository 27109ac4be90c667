module example.com/fixable

go 1.26
