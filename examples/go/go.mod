module plugnmeet-signing/examples/go

go 1.19
