package org.hlsgateway.channels.boundary;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIInput;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.hlsgateway.channels.control.ChannelValidator;
import org.hlsgateway.channels.control.DuplicateNicknameException;
import org.hlsgateway.api.FieldError;
import org.hlsgateway.channels.control.InvalidChannelException;
import org.hlsgateway.transcoding.control.SourceUrl;
import org.hlsgateway.channels.control.UnknownChannelException;
import org.hlsgateway.transcoding.entity.AudioMode;
import org.hlsgateway.channels.entity.Channel;
import org.hlsgateway.transcoding.entity.RtspTransport;
import org.hlsgateway.transcoding.entity.Packaging;
import org.hlsgateway.transcoding.entity.VideoMode;
import org.hlsgateway.config.GatewayConfig;

/** The add/edit form at {@code /hls_gateway/admin/channel/edit.xhtml[?nickname=...]}. */
@Named
@ViewScoped
public class ChannelEditView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient ChannelService channels;

    @Inject
    transient GatewayConfig config;

    private String original;
    private Channel channel;

    /** Loads the channel named by the {@code nickname} parameter; none means a new channel. */
    public String load() {
        if (channel == null) {
            channel = new Channel();
            channel.setPublicAccess(config.publicByDefault());
        }
        if (original == null || original.isBlank()) {
            original = null;
            return null;
        }
        if (!ChannelValidator.isNickname(original)) {
            original = null;
            return "/admin/list/index?faces-redirect=true";
        }
        try {
            Channel stored = channels.get(original);
            channel = new Channel();
            channel.copySettingsFrom(stored);
            channel.setUrl(SourceUrl.masked(stored.getUrl()));
            return null;
        } catch (UnknownChannelException e) {
            return "/admin/list/index?faces-redirect=true";
        }
    }

    public String save() {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            if (isCreating()) {
                channels.create(channel);
            } else {
                channels.update(original, channel);
            }
            faces.getExternalContext().getFlash().setKeepMessages(true);
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, "Saved " + channel.getNickname(), ""));
            return "/admin/list/index?faces-redirect=true";
        } catch (InvalidChannelException e) {
            for (FieldError error : e.errors()) {
                String field = clientId(error.field());
                faces.addMessage(field, new FacesMessage(FacesMessage.SEVERITY_ERROR, error.message(), ""));
                markInvalid(faces, field);
            }
        } catch (DuplicateNicknameException | UnknownChannelException e) {
            faces.addMessage("channel:nickname", new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), ""));
            markInvalid(faces, "channel:nickname");
        }
        faces.validationFailed();
        return null;
    }

    /** The field is drawn as invalid (PrimeFaces' ui-state-error, aria-invalid) when the form is shown again. */
    private static void markInvalid(FacesContext faces, String clientId) {
        if (clientId != null && faces.getViewRoot().findComponent(clientId) instanceof UIInput input) {
            input.setValid(false);
        }
    }

    private static String clientId(String field) {
        return switch (field) {
            case "nickname", "name", "url", "audio", "video", "logo", "tvgId", "tvgName", "sortOrder", "group",
                 "videoHeight", "videoBitrate", "packaging" -> "channel:" + field;
            case "rtspTransport" -> "channel:transport";
            default -> null;
        };
    }

    public boolean isCreating() {
        return original == null;
    }

    public String getOriginal() {
        return original;
    }

    public void setOriginal(String original) {
        this.original = original;
    }

    public Channel getChannel() {
        if (channel == null) {
            channel = new Channel();
            channel.setPublicAccess(config.publicByDefault());
        }
        return channel;
    }

    public RtspTransport[] getTransports() {
        return RtspTransport.values();
    }

    public AudioMode[] getAudioModes() {
        return AudioMode.values();
    }

    public VideoMode[] getVideoModes() {
        return VideoMode.values();
    }

    public Packaging[] getPackagings() {
        return Packaging.values();
    }
}
