package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"serialdesk/core"
)

// RegisterChoice is where the register is kept, as Register… shows it: in
// the data folder on this computer, or on the shop's server.
type RegisterChoice struct {
	OnServer bool
	Host     string
	Port     string
	Database string
	User     string
	Password string
	CAFile   string // the shop's certificate authority, for an encrypted connection; "" for none
}

// Registers is what Register… needs of the app: the choice kept, a test of
// a server's settings, and keeping a new choice.
type Registers interface {
	Chosen() RegisterChoice
	// Test connects to the server and says what is there, changing nothing.
	Test(RegisterChoice) (string, error)
	// Keep keeps the choice for the next start and says what happens then.
	Keep(RegisterChoice) (string, error)
}

// Where the register is kept: the choices, as words kept for lang.L.
var (
	onThisComputer = words("This computer")
	onServer       = words("Shop server (PostgreSQL)")
)

// RegisterItem is the menu item that chooses where the register is kept.
func RegisterItem(env *Env) *fyne.MenuItem {
	return fyne.NewMenuItem(lang.L("Register…"), env.showRegister)
}

// showRegister reads the choice kept (the password from the keychain,
// which may take a moment or ask to be unlocked) and then shows it.
func (env *Env) showRegister() {
	background(env, func() (RegisterChoice, error) { return env.Registers.Chosen(), nil }, env.showRegisterChoice)
}

func (env *Env) showRegisterChoice(chosen RegisterChoice, _ error) {
	where := widget.NewRadioGroup(translated([]string{onThisComputer, onServer}), nil)
	where.Horizontal = true
	folder := widget.NewLabel(Tr("The register is kept in {{.Folder}}, for this computer only.", core.Values{"Folder": env.DataDir}))
	folder.Wrapping = fyne.TextWrapWord
	host, port, database, user := newEntry(), newEntry(), newEntry(), newEntry()
	password := newEntry()
	password.Password = true
	ca := newEntry()
	host.SetText(chosen.Host)
	port.SetText(chosen.Port)
	database.SetText(chosen.Database)
	user.SetText(chosen.User)
	password.SetText(chosen.Password)
	ca.SetText(chosen.CAFile)
	host.SetPlaceHolder(lang.L("server name or address, e.g. shop-server"))
	port.SetPlaceHolder("5432")
	database.SetPlaceHolder(lang.L("e.g. serialdesk"))
	ca.SetPlaceHolder(lang.L("none: encrypted when the server offers it, not checked"))
	chooseCA := newButton(lang.L("Choose…"), theme.FolderOpenIcon(), func() {
		d := dialog.NewFileOpen(func(f fyne.URIReadCloser, err error) {
			if err == nil && f != nil {
				ca.SetText(f.URI().Path())
				f.Close()
			}
		}, env.Window)
		d.SetFilter(storage.NewExtensionFileFilter([]string{".crt", ".pem", ".cer"}))
		d.Show()
	})
	server := widget.NewForm(
		widget.NewFormItem(lang.L("Server"), host),
		widget.NewFormItem(lang.L("Port"), port),
		widget.NewFormItem(lang.L("Database"), database),
		widget.NewFormItem(lang.L("User"), user),
		widget.NewFormItem(lang.L("Password"), password),
		widget.NewFormItem(lang.L("CA file"), container.NewBorder(nil, nil, nil, chooseCA, ca)),
	)
	result := widget.NewLabel("")
	result.Wrapping = fyne.TextWrapWord
	typed := func() RegisterChoice {
		return RegisterChoice{OnServer: where.Selected == lang.L(onServer), Host: host.Text, Port: port.Text, Database: database.Text,
			User: user.Text, Password: password.Text, CAFile: ca.Text}
	}
	var d *dialog.ConfirmDialog
	// show shows what the test found, the dialog growing to hold it.
	show := func(text string, importance widget.Importance) {
		result.Importance = importance
		result.SetText(text)
		if d != nil {
			d.Resize(fyne.NewSize(640, 0))
		}
	}
	var test *button
	test = newButton(lang.L("Test connection"), theme.SearchIcon(), func() {
		test.Disable()
		show(lang.L("Connecting…"), widget.MediumImportance)
		background(env, func() (string, error) { return env.Registers.Test(typed()) }, func(found string, err error) {
			test.Enable()
			if err != nil {
				show(ErrorText(err), widget.DangerImportance)
				return
			}
			show(found, widget.SuccessImportance)
		})
	})
	serverPart := container.NewVBox(server, container.NewBorder(nil, nil, test, nil, result))
	where.OnChanged = func(choice string) {
		setVisible(choice == lang.L(onServer), serverPart)
		setVisible(choice != lang.L(onServer), folder)
		show("", widget.MediumImportance)
	}
	if chosen.OnServer {
		where.SetSelected(lang.L(onServer))
	} else {
		where.SetSelected(lang.L(onThisComputer))
	}
	content := container.NewVBox(where, folder, serverPart)
	d = dialog.NewCustomConfirm(lang.L("Where the register is kept"), lang.L("Save"), lang.L("Cancel"), content, func(save bool) {
		if !save {
			return
		}
		choice := typed()
		background(env, func() (string, error) { return env.Registers.Keep(choice) }, func(said string, err error) {
			if err != nil {
				env.showError(err)
				return
			}
			env.ShowMessage(lang.L("Register"), said)
		})
	}, env.Window)
	d.Resize(fyne.NewSize(640, 0))
	d.Show()
	for _, e := range []*entry{host, port, database, user, password, ca} {
		e.escape = d.Hide // Esc closes it from any field
	}
	if chosen.OnServer {
		env.Window.Canvas().Focus(host)
	}
}
